package dev.caravan.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Brings the catalog tables of a data dir made by an earlier Caravan up to today's layout, column by
 * column, so an upgrade keeps its data: a missing column is added with the value every older row
 * means (no declared type, not schema-defined).
 */
final class CatalogUpgrade {
    private CatalogUpgrade() {
    }

    static void addMissingColumns(Store store) {
        store.inTransaction(c -> {
            addIfMissing(c, "ATTRIBUTES", "DECLARED_TYPE", "VARCHAR(16)");
            addIfMissing(c, "ATTRIBUTES", "NULLABLE", "BOOLEAN");
            addIfMissing(c, "TABLES", "SCHEMA_DEFINED", "BOOLEAN");
            return null;
        });
    }

    private static void addIfMissing(Connection c, String table, String column, String sqlType) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, "CARAVAN", table, column)) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE CARAVAN." + table + " ADD COLUMN " + column + " " + sqlType);
        }
    }
}
