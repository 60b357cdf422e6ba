package dev.caravan.store;

import java.sql.SQLException;
import java.util.Set;

/**
 * Derby's answers for a transaction that lost a lock conflict: chosen as a deadlock victim (40001),
 * or its lock wait timed out (40XL1; 40XL2 with derby.locks.deadlockTrace). Derby has rolled the
 * transaction back; running it again is safe.
 */
public final class LockConflict {
    private static final Set<String> STATES = Set.of("40001", "40XL1", "40XL2");

    private LockConflict() {
    }

    /** Whether the failure, or anything in its cause or SQLException chain, is a lost lock conflict. */
    public static boolean isLockConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TableBusyException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (STATES.contains(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
