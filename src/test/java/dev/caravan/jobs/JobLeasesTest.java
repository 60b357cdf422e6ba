package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import dev.caravan.store.SqlDialect;
import dev.caravan.store.StoreOnEachEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Which node runs a job, on each engine: one claim wins, a lease held is respected, an ended one is not. */
class JobLeasesTest extends StoreOnEachEngine {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private JobStore jobs;
    private JobLeases first;
    private JobLeases second;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        first = new JobLeases(store, "node-a:9925", LEASE, now::get);
        second = new JobLeases(store, "node-b:9925", LEASE, now::get);
    }

    private String newJob() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        return id;
    }

    @Test
    void aJobHeldByOneNodeIsNotTakenByAnotherUntilItsLeaseEnds() {
        String id = newJob();
        assertTrue(first.claim(id));
        assertTrue(first.claim(id), "its own node may claim it again (a restart of the same node)");
        assertFalse(second.claim(id));
        assertEquals("node-a:9925", second.owner(id));

        now.addAndGet(LEASE.toMillis() - 1);
        assertFalse(second.claim(id), "the lease still runs");
        now.addAndGet(2);
        assertNull(second.owner(id), "an ended lease has no live owner");
        assertTrue(second.claim(id), "a job without a live owner is taken");
        assertEquals("node-b:9925", first.owner(id));
    }

    @Test
    void renewingKeepsEveryJobOfTheNodeAndOnlyThose() {
        String mine = newJob();
        String theirs = newJob();
        assertTrue(first.claim(mine));
        assertTrue(second.claim(theirs));
        now.addAndGet(LEASE.toMillis() / 2);
        assertEquals(1, first.renew());
        now.addAndGet(LEASE.toMillis() / 2 + 1);
        assertFalse(second.claim(mine), "renewed: still the first node's");
        assertTrue(first.claim(theirs), "not renewed: ended");
    }

    @Test
    void aReleasedJobIsFreeAndAFinishedOneIsNeverClaimed() {
        String id = newJob();
        assertTrue(first.claim(id));
        second.release(id); // not the owner: nothing happens
        assertFalse(second.claim(id));
        first.release(id);
        assertNull(first.owner(id));
        assertTrue(second.claim(id));

        String done = newJob();
        jobs.complete(done, "successfully loaded 1 of 1 records", null, System.currentTimeMillis());
        assertFalse(first.claim(done));
    }

    @Test
    void ofManyNodesClaimingOneJobAtOnceExactlyOneWins() throws Exception {
        String id = newJob();
        int nodes = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                JobLeases node = new JobLeases(store, "node-" + n, LEASE, now::get);
                claims.add(pool.submit(() -> {
                    start.await();
                    return node.claim(id);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leftOverLeasesAreReleasedAtStartOnlyWhereNoOtherNodeCanShareTheDatabase() {
        String id = newJob();
        assertTrue(second.claim(id));
        first.releaseLeftOverLeases();
        if (store.dialect() == SqlDialect.DERBY) {
            assertTrue(first.claim(id), "embedded Derby: the lease was a killed process's");
        } else {
            assertFalse(first.claim(id), "a shared database: another node's lease stands");
        }
    }

    @Test
    void aJobQueuedTwiceOnOneNodeIsTakenByOneWorkerThere() {
        String id = newJob();
        assertTrue(first.take(id));
        assertFalse(first.take(id), "another worker of the same node: it runs once");
        assertEquals(1, first.heldByWorkers());
        assertFalse(second.take(id));
        first.release(id);
        assertEquals(0, first.heldByWorkers());
    }

    @Test
    void aJobPinnedToANodeIsClaimedOnlyThere() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis(), "node-b:9925");
        assertFalse(first.claim(id));
        assertTrue(second.claim(id));
    }

    @Test
    void anEndedJobKeepsTheNodeThatEndedItWithoutALease() {
        String id = newJob();
        assertTrue(first.claim(id));
        jobs.complete(id, "done", null, System.currentTimeMillis());
        first.release(id);
        assertNull(first.owner(id), "no live lease");
        assertEquals(1, store.update("UPDATE CARAVAN.JOBS SET MESSAGE = 'x' WHERE ID = ? AND OWNER_NODE = 'node-a:9925'"
                + " AND LEASE_UNTIL IS NULL", id));
    }

    @Test
    void aJobStoppedForAShutdownIsReleasedOnDerbyAndLeftToAdoptionOnASharedDatabase() {
        String id = newJob();
        assertTrue(first.claim(id));
        first.stoppedForShutdown(id);
        first.renew();
        assertNull(second.owner(id), "no live owner either way: never renewed again");
        if (store.dialect().sharedByProcesses()) {
            assertEquals(1, store.update("UPDATE CARAVAN.JOBS SET MESSAGE = 'x' WHERE ID = ? AND OWNER_NODE = 'node-a:9925'"
                    + " AND LEASE_UNTIL = 0", id), "its owner stays, for JobAdoption");
        }
        assertTrue(second.claim(id));
    }

    @Test
    void aNodeIdIsTheSettingOrThisHostAndPort() {
        assertEquals("n1", JobLeases.nodeId(" n1 ", 9925));
        assertTrue(JobLeases.nodeId("", 9931).endsWith(":9931"));
        assertThrows(IllegalArgumentException.class, () -> JobLeases.nodeId("x".repeat(257), 1));
    }
}
