package dev.caravan.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Writes to one table take turns and survive lost lock conflicts, each engine's, a bounded number of times. */
class TableWritesTest extends StoreOnEachEngine {
    private TableWrites writes;

    @BeforeParameterizedClassInvocation
    void open() {
        writes = new TableWrites(store, 3, Duration.ofMillis(300));
    }

    private static TableMeta table() {
        return new TableMeta("id-" + System.nanoTime(), "db", "t", "id", "D1", "T1", 0, Map.of());
    }

    /** The engine's own deadlock state: Derby's 40001, PostgreSQL's 40P01 (which Derby's dialect does not know). */
    private SQLException deadlockVictim() {
        String state = engine == StoreEngine.POSTGRESQL ? "40P01" : "40001";
        return new SQLTransactionRollbackException("A lock could not be obtained due to a deadlock", state);
    }

    @Test
    void aDeadlockVictimRunsAgainUntilItCommits() {
        AtomicInteger runs = new AtomicInteger();
        String result = writes.inTransaction(table(), c -> {
            if (runs.incrementAndGet() < 3) {
                throw deadlockVictim();
            }
            return "committed";
        });
        assertEquals("committed", result);
        assertEquals(3, runs.get());
    }

    @Test
    void aLockTimeoutInTheSqlExceptionChainCountsAsAConflict() {
        SQLException batch = new SQLException("batch failed", "XJ208");
        batch.setNextException(new SQLException("A lock could not be obtained within the time requested", "40XL1"));
        assertTrue(LockConflict.isLockConflict(new StoreException(batch)));
        assertFalse(LockConflict.isLockConflict(new StoreException(new SQLException("duplicate", "23505"))));
    }

    @Test
    void aWriteThatKeepsLosingIsBusyAfterItsAttempts() {
        AtomicInteger runs = new AtomicInteger();
        TableMeta table = table();
        TableBusyException busy = assertThrows(TableBusyException.class, () -> writes.inTransaction(table, c -> {
            runs.incrementAndGet();
            throw deadlockVictim();
        }));
        assertEquals(3, runs.get());
        assertEquals("Table 'db.t' is busy with other writes; try again", busy.getMessage());
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        IllegalArgumentException bad = new IllegalArgumentException("bad value");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> writes.inTransaction(table(), c -> {
            runs.incrementAndGet();
            throw bad;
        })));
        assertEquals(1, runs.get());
    }

    @Test
    void writesOfOneTableTakeTurns() throws Exception {
        TableMeta table = table();
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Thread first = new Thread(() -> writes.inTransaction(table, c -> {
            events.add("first in");
            firstInside.countDown();
            releaseFirst.await(10, TimeUnit.SECONDS);
            events.add("first out");
            return null;
        }));
        first.start();
        assertTrue(firstInside.await(10, TimeUnit.SECONDS));
        TableWrites patient = new TableWrites(store, 3, Duration.ofSeconds(10));
        Thread second = new Thread(() -> patient.inTransaction(table, c -> events.add("second in")));
        second.start();
        // a writer that may wait only 300 ms gives up while the first holds the table
        assertThrows(TableBusyException.class, () -> writes.inTransaction(table, c -> events.add("third in")));
        releaseFirst.countDown();
        first.join(10_000);
        second.join(10_000);
        assertEquals(List.of("first in", "first out", "second in"), events);
    }

    @Test
    void anotherTableIsNotHeldUp() throws Exception {
        TableMeta held = table();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> writes.inTransaction(held, c -> {
            inside.countDown();
            release.await(10, TimeUnit.SECONDS);
            return null;
        }));
        holder.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        assertEquals("other", writes.inTransaction(table(), c -> "other"));
        release.countDown();
        holder.join(10_000);
    }
}
