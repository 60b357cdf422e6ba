package dev.caravan.auth;

import dev.caravan.store.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The users-and-roles change counter, CARAVAN.AUTH_VERSION: one row that every change of a user or a
 * role moves forward in its own transaction (docs/decisions/0012-shared-users.md). A node that sees it
 * moved reads users and roles again. Moving it takes the row's lock first, so changes from several
 * nodes on one database take turns, and each sees the others' committed changes.
 */
final class AuthVersion {
    private static final String READ = "SELECT VERSION FROM CARAVAN.AUTH_VERSION WHERE ID = 1";

    private final Store store;

    AuthVersion(Store store) {
        this.store = store;
        // in the DDL's transaction, which the store serialises across nodes: exactly one first row
        store.createTablesIfMissing("CARAVAN", "AUTH_VERSION",
                "CREATE TABLE CARAVAN.AUTH_VERSION (ID INT NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL)",
                "INSERT INTO CARAVAN.AUTH_VERSION (ID, VERSION) VALUES (1, 0)");
    }

    /** The committed version. */
    long read() {
        return store.inTransaction(AuthVersion::read);
    }

    static long read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(READ)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Moves the version forward in the caller's transaction and returns the new one; the row stays locked
     * until that transaction ends, so a concurrent change on any node waits for it.
     */
    static long bump(Connection c) throws SQLException {
        Store.update(c, "UPDATE CARAVAN.AUTH_VERSION SET VERSION = VERSION + 1 WHERE ID = 1");
        return read(c);
    }
}
