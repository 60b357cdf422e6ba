package dev.caravan.ops;

import dev.caravan.api.ApiException;
import dev.caravan.api.OperationRequest;
import dev.caravan.store.Catalog;
import dev.caravan.store.TableMeta;

/** Finds the table a request names, with Harper's messages when it is missing (spec §1.2). */
public final class Tables {
    private final Catalog catalog;

    public Tables(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The request's table; missing fields, databases and tables answer with the given status. */
    public TableMeta require(OperationRequest request, int missingStatus) {
        String table = request.text("table");
        if (table == null) {
            throw ApiException.badRequest("'table' is required");
        }
        return require(request.database(), table, missingStatus);
    }

    public TableMeta require(String database, String table, int missingStatus) {
        if (!catalog.hasDatabase(database)) {
            throw new ApiException(missingStatus, "database '" + database + "' does not exist");
        }
        return catalog.table(database, table).orElseThrow(
                () -> new ApiException(missingStatus, "Table '" + database + "." + table + "' does not exist"));
    }

    public Catalog catalog() {
        return catalog;
    }
}
