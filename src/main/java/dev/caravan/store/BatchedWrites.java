package dev.caravan.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Derby: one INSERT or UPDATE statement with a parameter per column, run as JDBC batches. */
final class BatchedWrites implements RowWrites {
    /** Rows per JDBC batch: Derby keeps a copy of every batched row's parameters until the batch runs. */
    private static final int BATCH = 1000;

    @Override
    public void insert(Connection c, TableMeta table, Iterable<? extends NewRow> rows, double txTime) throws SQLException {
        List<Column> columns = RowWrites.storedColumns(table);
        int params = 3;
        for (Column column : columns) {
            params += ValueCodec.width(column);
        }
        String sql = "INSERT INTO " + table.sqlName() + " (" + RowWrites.columnList(columns) + ") VALUES (?"
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

    @Override
    public void update(Connection c, TableMeta table, List<Column> columns, List<? extends NewRow> rows, double txTime)
            throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE ").append(table.sqlName()).append(" SET UT = ?");
        for (Column column : columns) {
            sql.append(", ").append(column.quotedColumn()).append(" = ?");
            if (column.tagColumnName() != null) {
                sql.append(", ").append(column.quotedTagColumn()).append(" = ?");
            }
        }
        sql.append(" WHERE K = ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int count = 0;
            for (NewRow row : rows) {
                ps.setDouble(1, txTime);
                int index = 2;
                for (Column column : columns) {
                    index = ValueCodec.bind(ps, index, column, row.values().get(column.attribute()));
                }
                ps.setString(index, row.key());
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
