package dev.caravan.store;

/**
 * Brings the catalog tables of a data dir made by an earlier Caravan up to today's layout, column by
 * column, so an upgrade keeps its data: a missing column is added with the value every older row
 * means (no declared type, not schema-defined).
 */
final class CatalogUpgrade {
    private CatalogUpgrade() {
    }

    static void addMissingColumns(Store store) {
        store.addColumnIfMissing("CARAVAN", "ATTRIBUTES", "DECLARED_TYPE", "VARCHAR(16)");
        store.addColumnIfMissing("CARAVAN", "ATTRIBUTES", "NULLABLE", "BOOLEAN");
        store.addColumnIfMissing("CARAVAN", "TABLES", "SCHEMA_DEFINED", "BOOLEAN");
    }
}
