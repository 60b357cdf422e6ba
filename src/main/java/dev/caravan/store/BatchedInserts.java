package dev.caravan.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Derby: one INSERT statement with a parameter per column, run as JDBC batches. */
final class BatchedInserts implements RowInserts {
    /** Rows per JDBC batch: Derby keeps a copy of every batched row's parameters until the batch runs. */
    private static final int BATCH = 1000;

    @Override
    public void insert(Connection c, TableMeta table, Iterable<? extends NewRow> rows, double txTime) throws SQLException {
        List<Column> columns = RowInserts.storedColumns(table);
        int params = 3;
        for (Column column : columns) {
            params += ValueCodec.width(column);
        }
        String sql = "INSERT INTO " + table.sqlName() + " (" + RowInserts.columnList(columns) + ") VALUES (?"
                + ",?".repeat(params - 1) + ')';
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int count = 0;
            for (NewRow row : rows) {
                ps.setString(1, row.key());
                ps.setDouble(2, txTime);
                ps.setDouble(3, txTime);
                int index = 4;
                for (Column column : columns) {
                    index = ValueCodec.bind(ps, index, column, row.values().get(column.attribute()));
                }
                ps.addBatch();
                if (++count % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            if (count % BATCH != 0) {
                ps.executeBatch();
            }
        }
    }
}
