package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * What the dialect says about an engine holds on the real engine: Caravan's tables and columns are
 * created once, in a schema of their own, with their indexes, and a lost lock conflict or a duplicate key
 * is told by its SQLState.
 */
class StoreDialectTest extends StoreOnEachEngine {
    private SqlDialect sql;

    @BeforeParameterizedClassInvocation
    void open() {
        sql = store.dialect();
    }

    /** A new table T in the schema (an id primary key, a text and a double column), created through the store. */
    private String newTable(String schema) {
        store.createTablesIfMissing(schema, "T", "CREATE TABLE " + schema + ".T (ID BIGINT NOT NULL PRIMARY KEY,"
                + " NOTE " + sql.textType() + ", SCORE " + sql.doubleType() + ")");
        return schema + ".T";
    }

    private static String schemaName(String purpose) {
        return "DIALECT_" + purpose + "_" + System.nanoTime();
    }

    @Test
    void tablesAreCreatedInTheirOwnSchemaOnceOnly() {
        String schema = schemaName("ONCE");
        String table = newTable(schema);
        // were the probe not found, this DDL would run and fail: the table exists
        store.createTablesIfMissing(schema, "T", "CREATE TABLE " + table + " (ID BIGINT)");

        store.update("INSERT INTO " + table + " (ID, NOTE, SCORE) VALUES (?, ?, ?)", 1L, "x".repeat(100_000), 0.1 + 0.2);
        assertEquals(List.of("1 100000 " + (0.1 + 0.2)), rows("SELECT ID, NOTE, SCORE FROM " + table));
    }

    @Test
    void aColumnIsAddedOnceOnly() {
        String table = newTable(schemaName("COLUMN"));
        String schema = table.substring(0, table.indexOf('.'));
        store.addColumnIfMissing(schema, "T", "SOURCE_HASH", "VARCHAR(64)");
        // a second ALTER TABLE ... ADD COLUMN of the same column would fail
        store.addColumnIfMissing(schema, "T", "SOURCE_HASH", "VARCHAR(64)");

        store.update("INSERT INTO " + table + " (ID, SOURCE_HASH) VALUES (?, ?)", 2L, "abc");
        assertEquals(List.of("2 abc"), rows("SELECT ID, SOURCE_HASH FROM " + table));
    }

    @Test
    void anIndexIsCreatedInItsTablesSchema() throws SQLException {
        String table = newTable(schemaName("INDEX"));
        String schema = table.substring(0, table.indexOf('.'));
        store.update(sql.createIndex(schema, "T_BY_NOTE_SCORE", "T", "SCORE, ID"));

        List<String> indexes = new ArrayList<>();
        try (Connection c = store.connection();
             ResultSet rs = c.getMetaData().getIndexInfo(null, sql.catalogName(schema), sql.catalogName("T"), false,
                     false)) {
            while (rs.next()) {
                indexes.add(rs.getString("INDEX_NAME"));
            }
        }
        assertTrue(indexes.contains(sql.catalogName("T_BY_NOTE_SCORE")), indexes::toString);
    }

    @Test
    void aDeadlockVictimIsALockConflict() throws Exception {
        String table = newTable(schemaName("DEADLOCK"));
        store.update("INSERT INTO " + table + " (ID) VALUES (1)");
        store.update("INSERT INTO " + table + " (ID) VALUES (2)");
        CountDownLatch firstLocked = new CountDownLatch(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Throwable> failures = new ArrayList<>();
        try {
            // each takes one row, then waits for the other's: a cycle the engine breaks by rolling one back
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> updateBoth(table, 1, 2, firstLocked), writers);
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> updateBoth(table, 2, 1, firstLocked), writers);
            for (CompletableFuture<Void> writer : List.of(one, two)) {
                try {
                    writer.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        } finally {
            writers.shutdownNow();
        }
        assertEquals(1, failures.size(), failures::toString);
        assertEquals(engine == StoreEngine.DERBY ? "40001" : "40P01", sqlState(failures.get(0)));
        assertTrue(LockConflict.isLockConflict(failures.get(0), sql), failures.get(0)::toString);
    }

    private void updateBoth(String table, long first, long second, CountDownLatch firstLocked) {
        store.inTransaction(c -> {
            Store.update(c, "UPDATE " + table + " SET NOTE = 'mine' WHERE ID = ?", first);
            firstLocked.countDown();
            assertTrue(firstLocked.await(30, TimeUnit.SECONDS));
            return Store.update(c, "UPDATE " + table + " SET NOTE = 'mine' WHERE ID = ?", second);
        });
    }

    @Test
    void aLockWaitThatTimesOutIsALockConflict() throws Exception {
        String table = newTable(schemaName("TIMEOUT"));
        store.update("INSERT INTO " + table + " (ID) VALUES (1)");
        try (Connection holder = store.connection(); Connection waiter = store.connection()) {
            holder.setAutoCommit(false);
            Store.update(holder, "UPDATE " + table + " SET NOTE = 'held' WHERE ID = 1");
            waiter.setAutoCommit(false);
            waitForLocksAtMost(waiter, "1");
            try {
                SQLException timedOut = assertThrows(SQLException.class,
                        () -> Store.update(waiter, "UPDATE " + table + " SET NOTE = 'waited' WHERE ID = 1"));

                assertEquals(engine == StoreEngine.DERBY ? "40XL1" : "55P03", timedOut.getSQLState());
                assertTrue(LockConflict.isLockConflict(timedOut, sql), timedOut::toString);
            } finally {
                waiter.rollback();
                holder.rollback();
                waiter.setAutoCommit(true);
                waitForLocksAtMost(waiter, null);
            }
        }
    }

    /**
     * How long a lock is waited for, in seconds (null: as configured). Derby's setting is the database's,
     * so it is put back for the other tests; PostgreSQL's is the transaction's and goes with it.
     */
    private void waitForLocksAtMost(Connection c, String seconds) throws SQLException {
        String setting = switch (engine) {
            case DERBY -> "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', "
                    + (seconds == null ? "NULL" : "'" + seconds + "'") + ")";
            case POSTGRESQL -> seconds == null ? null : "SET LOCAL lock_timeout = '" + seconds + "s'";
        };
        if (setting != null) {
            try (Statement s = c.createStatement()) {
                s.execute(setting);
            }
        }
    }

    @Test
    void aDuplicateKeyIsADuplicateKeyAndNoLockConflict() {
        String table = newTable(schemaName("DUPLICATE"));
        store.update("INSERT INTO " + table + " (ID) VALUES (7)");

        StoreException duplicate = assertThrows(StoreException.class,
                () -> store.update("INSERT INTO " + table + " (ID) VALUES (7)"));

        SQLException cause = (SQLException) duplicate.getCause();
        assertTrue(sql.isDuplicateKey(cause.getSQLState()), cause.getSQLState());
        assertFalse(LockConflict.isLockConflict(duplicate, sql));
    }

    @Test
    void aClaimingSelectPassesOverRowsAnotherTransactionHoldsWhereProcessesShareTheDatabase() throws Exception {
        String table = newTable(schemaName("SKIP"));
        for (long id = 1; id <= 3; id++) {
            store.update("INSERT INTO " + table + " (ID, SCORE) VALUES (?, 1.0)", id);
        }
        String claimable = sql.lockRowsSkippingLocked("SELECT ID FROM " + table + " WHERE SCORE > 0 ORDER BY ID"
                + " FETCH FIRST 2 ROWS ONLY");
        if (!sql.sharedByProcesses()) {
            // one process: the SELECT runs as written, in order; the claim's conditional update decides
            assertEquals(List.of("1", "2"), rows(claimable));
            return;
        }
        try (Connection holder = store.connection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement(claimable); ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
            }
            // the first transaction holds rows 1 and 2: the second claimer gets row 3 at once, without waiting
            try (Connection other = store.connection()) {
                other.setAutoCommit(false);
                waitForLocksAtMost(other, "1");
                try (PreparedStatement ps = other.prepareStatement(claimable); ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(3, rs.getLong(1));
                    assertFalse(rs.next());
                } finally {
                    other.rollback();
                    other.setAutoCommit(true);
                }
            } finally {
                holder.rollback();
                holder.setAutoCommit(true);
            }
        }
        assertEquals(List.of("1", "2"), rows(claimable), "released: claimable again");
    }

    @Test
    void aRefusalIsToldByItsReasonWithoutTheStatementOrItsValues() {
        String table = newTable(schemaName("REFUSED"));
        String secretish = "value-" + System.nanoTime();
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + table + " (ID, NOTE, SCORE) VALUES (1, ?, CAST(? AS " + sql.doubleType() + "))")) {
                ps.setString(1, "a note");
                ps.setString(2, secretish);
                ps.addBatch();
                ps.executeBatch();
            }
        });
        String reason = sql.refusalReason(refused.getNextException() != null ? refused.getNextException() : refused);
        assertFalse(reason.isBlank());
        assertFalse(reason.contains("INSERT"), reason);
        assertFalse(reason.contains("a note"), reason);
        assertFalse(reason.contains("Position") || reason.contains("Where:"), reason);
    }

    @Test
    void aLostLockConflictOfEitherEngineIsToldWithoutItsEngine() {
        assertTrue(LockConflict.isLockConflict(new RuntimeException(new SQLException("deadlock", "40P01"))));
        assertTrue(LockConflict.isLockConflict(new RuntimeException(new SQLException("lock timeout", "40XL1"))));
        assertFalse(LockConflict.isLockConflict(new RuntimeException(new SQLException("duplicate", "23505"))));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return e.getSQLState();
            }
        }
        return null;
    }

    /** Each row of the query as its columns' values joined by spaces, a text longer than 10 as its length. */
    private List<String> rows(String query) {
        return store.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        String value = rs.getString(i);
                        values.add(value != null && value.length() > 10 && !value.startsWith("0.")
                                ? String.valueOf(value.length()) : value);
                    }
                    out.add(String.join(" ", values));
                }
            }
            return out;
        });
    }

    /**
     * A failed JDBC batch: PostgreSQL's driver quotes the statement with its values ("Batch entry 0 INSERT …
     * VALUES (7, 'secret-note', …)") and its server the key in the detail; withoutValues keeps the SQLState
     * and a message with neither. Derby's message names only the constraint and is kept as it is.
     */
    @Test
    void aFailedBatchIsToldWithoutItsValues() throws SQLException {
        String table = newTable(schemaName("VALUES"));
        store.update("INSERT INTO " + table + " (ID) VALUES (7)");
        BatchUpdateException failure;
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (ID, NOTE) VALUES (?, ?)")) {
            ps.setLong(1, 7);
            ps.setString(2, "secret-note");
            ps.addBatch();
            failure = assertThrows(BatchUpdateException.class, ps::executeBatch);
        }

        SQLException told = sql.withoutValues(failure);

        assertTrue(sql.isDuplicateKey(told.getSQLState()), told.getSQLState());
        assertFalse(told.getMessage().contains("secret-note"), told.getMessage());
        if (engine == StoreEngine.DERBY) {
            assertSame(failure, told);
        } else {
            assertTrue(failure.getMessage().contains("secret-note"), "the driver's own message: " + failure.getMessage());
            assertTrue(told.getMessage().startsWith("duplicate key value violates unique constraint"), told.getMessage());
        }
    }
}
