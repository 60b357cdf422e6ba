package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The job table as a queue, on each engine: each queued job is claimed by one node, never a held or finished one. */
class JobQueueTest extends StoreOnEachEngine {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private JobStore jobs;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
    }

    @BeforeEach
    void emptyQueue() {
        store.update("DELETE FROM CARAVAN.JOBS");
    }

    private JobLeases node(String name) {
        return new JobLeases(store, name, LEASE, now::get);
    }

    private JobQueue queue(JobLeases leases, int idle, List<String> enqueued) {
        return new JobQueue(store, leases, () -> idle, (id, type) -> enqueued.add(id));
    }

    private String newJob(String pinnedNode) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), now.incrementAndGet(), pinnedNode);
        return id;
    }

    @Test
    void aNodeTakesAsManyQueuedJobsAsItHasIdleWorkersOldestFirstAndHoldsThem() {
        String first = newJob(null);
        String second = newJob(null);
        newJob(null);
        JobLeases a = node("node-a");
        List<String> enqueued = new ArrayList<>();

        assertEquals(2, queue(a, 2, enqueued).takeForFreeWorkers());

        assertEquals(List.of(first, second), enqueued);
        assertEquals("node-a", a.owner(first));
        assertEquals(0, queue(a, 0, enqueued).takeForFreeWorkers(), "no idle worker: nothing claimed");
        assertEquals(3, enqueued.size() + queue(a, 5, new ArrayList<>()).claim(5).size());
    }

    @Test
    void aHeldStartedPinnedElsewhereOrFinishedJobIsNotClaimed() {
        JobLeases a = node("node-a");
        JobLeases b = node("node-b");
        String held = newJob(null);
        assertTrue(b.claim(held));
        String running = newJob(null);
        jobs.setPhase(running, JobPhase.READING);
        String pinnedToB = newJob("node-b");
        String done = newJob(null);
        jobs.complete(done, "done", null, now.get());
        String free = newJob(null);

        assertEquals(List.of(free), ids(new JobQueue(store, a, () -> 10, (i, t) -> { }).claim(10)));
        assertEquals(List.of(pinnedToB), ids(new JobQueue(store, b, () -> 10, (i, t) -> { }).claim(10)),
                "a job pinned to a node is that node's");
    }

    @Test
    void ofNodesClaimingAtOnceEachQueuedJobGoesToExactlyOne() throws Exception {
        int jobCount = 40;
        Set<String> queued = new HashSet<>();
        for (int i = 0; i < jobCount; i++) {
            queued.add(newJob(null));
        }
        int nodes = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<List<String>>> claims = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                JobQueue node = new JobQueue(store, node("node-" + n), () -> 3, (i, t) -> { });
                claims.add(pool.submit(() -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    for (List<String> got = ids(node.claim(3)); !got.isEmpty(); got = ids(node.claim(3))) {
                        mine.addAll(got);
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> claim : claims) {
                all.addAll(claim.get());
            }
            assertEquals(jobCount, all.size(), "no job claimed twice");
            assertEquals(queued, new HashSet<>(all), "every job claimed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimPassesOverAJobAnotherNodesClaimHoldsLockedWhereNodesShareTheDatabase() throws Exception {
        String locked = newJob(null);
        String other = newJob(null);
        if (!store.dialect().sharedByProcesses()) {
            return; // one process: the threads' conditional updates decide (the test above)
        }
        try (Connection holder = store.connection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("SELECT ID FROM CARAVAN.JOBS WHERE ID = ? FOR UPDATE")) {
                ps.setString(1, locked);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
            // were the locked row waited for, this claim would block until the holder ends
            assertEquals(List.of(other), ids(new JobQueue(store, node("node-b"), () -> 5, (i, t) -> { }).claim(5)));
            holder.rollback();
            holder.setAutoCommit(true);
        }
        assertEquals(List.of(locked), ids(new JobQueue(store, node("node-c"), () -> 5, (i, t) -> { }).claim(5)));
    }

    private static List<String> ids(List<JobQueue.Claimed> claimed) {
        return claimed.stream().map(JobQueue.Claimed::id).toList();
    }
}
