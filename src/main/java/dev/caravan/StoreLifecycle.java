package dev.caravan;

import dev.caravan.store.Store;
import org.apache.camel.Service;

/** Closes the pool and shuts Derby down cleanly when Camel stops (SIGTERM included). */
final class StoreLifecycle implements Service {
    private final Store store;

    StoreLifecycle(Store store) {
        this.store = store;
    }

    @Override
    public void start() {
        // the store opens when it is built
    }

    @Override
    public void stop() {
        store.close();
    }
}
