package dev.caravan.retention;

import dev.caravan.store.TableMeta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * The records of one table created strictly before a cutoff (contract §10: {@code __createdtime__ <
 * Date.parse(date)}; the created time keeps its sub-millisecond fraction, so a record created at
 * …288.4 ms is not before …288 ms). Each statement holds the table's schema read lock only while it
 * runs, so a long delete does not hold off a column change for its whole length.
 */
final class ExpiredRecords {
    private final TableMeta table;
    private final double cutoff;

    ExpiredRecords(TableMeta table, double cutoff) {
        this.table = table;
        this.cutoff = cutoff;
    }

    TableMeta table() {
        return table;
    }

    long count(Connection c) throws SQLException {
        return locked(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table.sqlName()
                    + " WHERE " + TableMeta.CREATED_COLUMN + " < ?")) {
                ps.setDouble(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Up to limit keys in key order after the given one (null: from the start). */
    List<String> keysAfter(Connection c, String afterKey, int limit) throws SQLException {
        String sql = "SELECT " + TableMeta.KEY_COLUMN + " FROM " + table.sqlName() + " WHERE "
                + TableMeta.CREATED_COLUMN + " < ?" + (afterKey == null ? "" : " AND " + TableMeta.KEY_COLUMN + " > ?")
                + " ORDER BY " + TableMeta.KEY_COLUMN + " FETCH FIRST " + limit + " ROWS ONLY";
        return locked(() -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setDouble(1, cutoff);
                if (afterKey != null) {
                    ps.setString(2, afterKey);
                }
                List<String> keys = new ArrayList<>(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                return keys;
            }
        });
    }

    /** Deletes those of the keys still older than the cutoff; returns how many went. */
    int delete(Connection c, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        return locked(() -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.sqlName() + " WHERE "
                    + TableMeta.KEY_COLUMN + " = ? AND " + TableMeta.CREATED_COLUMN + " < ?")) {
                for (String key : keys) {
                    ps.setString(1, key);
                    ps.setDouble(2, cutoff);
                    ps.addBatch();
                }
                int deleted = 0;
                for (int n : ps.executeBatch()) {
                    deleted += Math.max(n, 0);
                }
                return deleted;
            }
        });
    }

    private <T> T locked(SqlStep<T> step) throws SQLException {
        Lock lock = table.schemaLock().readLock();
        lock.lock();
        try {
            return step.run();
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    private interface SqlStep<T> {
        T run() throws SQLException;
    }
}
