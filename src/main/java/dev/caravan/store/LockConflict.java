package dev.caravan.store;

import java.sql.SQLException;

/**
 * A transaction that lost a lock conflict: the engine has rolled it back, so running it again is safe.
 * Which SQLStates say so is the dialect's (SqlDialect.isLockConflict).
 */
public final class LockConflict {
    private LockConflict() {
    }

    /**
     * For a caller that does not know the engine (the API's error answers): a lost lock conflict on
     * either. No SQLState means one thing on one engine and another on the other, so neither is mistaken.
     */
    public static boolean isLockConflict(Throwable failure) {
        return isLockConflict(failure, SqlDialect.DERBY) || isLockConflict(failure, SqlDialect.POSTGRESQL);
    }

    /** Whether the failure, or anything in its cause or SQLException chain, is a lost lock conflict. */
    public static boolean isLockConflict(Throwable failure, SqlDialect dialect) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TableBusyException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (dialect.isLockConflict(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
