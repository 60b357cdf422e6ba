package dev.caravan.store;

import java.sql.ResultSet;
import java.sql.Statement;

/** Record count and last update time of a table, for describe_table. */
public final class TableStats {
    private TableStats() {
    }

    public record Stats(long recordCount, Double lastUpdated) {
    }

    public static Stats of(Store store, TableMeta table) {
        return store.inTransaction(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(UT) FROM " + table.sqlName())) {
                rs.next();
                double last = rs.getDouble(2);
                Double lastUpdated = rs.wasNull() ? null : last; // MAX of an empty table is NULL
                return new Stats(rs.getLong(1), lastUpdated);
            }
        });
    }
}
