package dev.caravan.search;

import dev.caravan.api.OperationRegistry;
import dev.caravan.store.Catalog;
import dev.caravan.store.RecordWriter;
import dev.caravan.store.Store;
import dev.caravan.store.TxClock;

/** The sql operation. */
public class SqlOperations {
    private final Catalog catalog;
    private final Store store;
    private final RecordWriter writer;
    private final TxClock clock;

    public SqlOperations(Catalog catalog, Store store, RecordWriter writer, TxClock clock) {
        this.catalog = catalog;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    public void register(OperationRegistry registry) {
        // filled in by the SQL work
    }
}
