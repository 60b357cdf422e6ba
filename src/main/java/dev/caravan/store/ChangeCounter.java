package dev.caravan.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A change counter for state each node caches in memory (users and roles, the catalog): a one-row
 * table CARAVAN.&lt;name&gt; (ID 1, VERSION) that every change moves forward in its own transaction
 * (docs/decisions/0012-shared-users.md, 0015-shared-catalog.md). A node that sees it moved reads the
 * state again. Moving it takes the row's lock first, so changes from several nodes on one database
 * take turns, and each sees the others' committed changes.
 */
public final class ChangeCounter {
    private final Store store;
    private final String read;
    private final String bump;

    /** The counter in CARAVAN.table, created with its one row if missing. */
    public ChangeCounter(Store store, String table) {
        this.store = store;
        this.read = "SELECT VERSION FROM CARAVAN." + table + " WHERE ID = 1";
        this.bump = "UPDATE CARAVAN." + table + " SET VERSION = VERSION + 1 WHERE ID = 1";
        // in the DDL's transaction, which the store serialises across nodes: exactly one first row
        store.createTablesIfMissing("CARAVAN", table,
                "CREATE TABLE CARAVAN." + table + " (ID INT NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL)",
                "INSERT INTO CARAVAN." + table + " (ID, VERSION) VALUES (1, 0)");
    }

    /** The committed version. */
    public long read() {
        return store.inTransaction(this::read);
    }

    /** The version as the caller's transaction sees it. */
    public long read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(read)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Moves the version forward in the caller's transaction and returns the new one; the row stays locked
     * until that transaction ends, so a concurrent change on any node waits for it.
     */
    public long bump(Connection c) throws SQLException {
        Store.update(c, bump);
        return read(c);
    }
}
