package dev.caravan.ops;

import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.Catalog;
import dev.caravan.store.TableMeta;

/** Finds the table a request names, with Harper's messages when it is missing (contract §1.2). */
public final class Tables {
    private final Catalog catalog;

    public Tables(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The request's table; missing fields, databases and tables answer with the given status. For a
     * non-super user a table its role does not show is a 403 first, existing or not: Harper checks
     * permissions before the operation runs (docs/harper-observed.md §6).
     */
    public TableMeta require(OperationRequest request, int missingStatus) {
        String table = requiredName(request);
        request.access().requireTable(request.database(), table);
        return require(request.database(), table, missingStatus);
    }

    /** The request's table whatever the role shows: for callers that checked access another way. */
    public TableMeta requireUnchecked(OperationRequest request, int missingStatus) {
        return require(request.database(), requiredName(request), missingStatus);
    }

    private static String requiredName(OperationRequest request) {
        request.requireNotContainer("table");
        String table = request.text("table");
        if (table == null) {
            throw HarperException.badRequest("'table' is required");
        }
        return table;
    }

    public TableMeta require(String database, String table, int missingStatus) {
        if (!catalog.hasDatabase(database)) {
            throw new HarperException(missingStatus, "database '" + database + "' does not exist");
        }
        return catalog.table(database, table).orElseThrow(
                () -> new HarperException(missingStatus, "Table '" + database + "." + table + "' does not exist"));
    }

    public Catalog catalog() {
        return catalog;
    }
}
