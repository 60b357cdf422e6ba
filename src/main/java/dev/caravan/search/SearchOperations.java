package dev.caravan.search;

import dev.caravan.api.OperationRegistry;
import dev.caravan.ops.Tables;
import dev.caravan.store.Store;

/** search_by_hash / search_by_id, search_by_value and search_by_conditions. */
public class SearchOperations {
    private final Tables tables;
    private final Store store;

    public SearchOperations(Tables tables, Store store) {
        this.tables = tables;
        this.store = store;
    }

    public void register(OperationRegistry registry) {
        // filled in by the search work
    }
}
