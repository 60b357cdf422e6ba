package dev.caravan.store;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every write to a data table (insert, update, upsert, delete, SQL writes, load and delete
 * batches) as one transaction that holds the table's write lock. Writers of one table take their
 * turn instead of meeting in Derby's row locks, where ten inserts of the same keys deadlocked and
 * waited out Derby's lock timeouts. A writer can still lose a lock conflict to a reader (a deadlock
 * victim or a lock wait timeout): Derby has then rolled it back, and it runs again, a bounded number
 * of times. When it cannot get its turn, TableBusyException says so and nothing was written.
 */
public class TableWrites {
    private static final Logger LOG = LoggerFactory.getLogger(TableWrites.class);

    private final Store store;
    private final int attempts;
    private final Duration lockWait;

    public TableWrites(Store store, int attempts, Duration lockWait) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.store = store;
        this.attempts = attempts;
        this.lockWait = lockWait;
    }

    /** The work in one transaction on the table, committed when it returns; run again after a lost lock conflict. */
    public <T> T inTransaction(TableMeta table, Store.SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            Lock lock = acquire(table);
            try {
                return store.inTransaction(work);
            } catch (RuntimeException e) {
                if (!LockConflict.isLockConflict(e, store.dialect()) || e instanceof TableBusyException) {
                    throw e;
                }
                if (attempt >= attempts) {
                    throw new TableBusyException(table.qualifiedName(), e);
                }
                LOG.info("Write to {} lost a lock conflict ({}); attempt {} of {}", table.qualifiedName(),
                        e.getMessage(), attempt + 1, attempts);
            } finally {
                lock.unlock();
            }
            pause(attempt);
        }
    }

    /** A transaction that only reads the tables it touches (a dry run's batch): no write turn is taken. */
    public <T> T reading(Store.SqlWork<T> work) {
        return store.inTransaction(work);
    }

    /** Runs the action once the transaction open on c has committed. */
    public void afterCommit(Connection c, Runnable action) {
        store.afterCommit(c, action);
    }

    private Lock acquire(TableMeta table) {
        Lock lock = table.writeLock();
        try {
            if (!lock.tryLock(lockWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TableBusyException(table.qualifiedName(), null);
            }
            return lock;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableBusyException(table.qualifiedName(), e);
        }
    }

    /** A short, growing pause outside the lock, so the reader that won the conflict can finish. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000L, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
