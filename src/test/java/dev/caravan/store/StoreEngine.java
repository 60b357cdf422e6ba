package dev.caravan.store;

import caravan.it.PostgresServer;
import java.nio.file.Path;

/** The engines a store-backed test runs on: a new, empty store of each (@EnumSource(StoreEngine.class)). */
public enum StoreEngine {
    DERBY {
        @Override
        public Store open(Path dir, int poolSize) {
            return new Store(dir.resolve("data"), poolSize);
        }
    },
    POSTGRESQL {
        @Override
        public Store open(Path dir, int poolSize) {
            return Store.postgres(PostgresServer.shared().newDatabase(), PostgresServer.USER, "", poolSize);
        }
    };

    /** A new store: on Derby a new database under dir, on PostgreSQL a new database on the tests' server. */
    public abstract Store open(Path dir, int poolSize);
}
