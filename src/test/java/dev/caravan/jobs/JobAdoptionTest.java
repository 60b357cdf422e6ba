package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.StoreOnEachEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * What a node does with a gone node's jobs, on each engine: a resumable job loses its leftovers and is
 * queued again for any node, any other ends ERROR naming the node, a pinned one ends ERROR unless its
 * node is alive, and a job is adopted by one node only.
 */
class JobAdoptionTest extends StoreOnEachEngine {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private final AtomicLong now = new AtomicLong(10_000_000);
    private final List<String> leftoversRemoved = new CopyOnWriteArrayList<>();
    private JobStore jobs;

    /** A job kind that resumes (like csv_file_load) and one that cannot (like import_from_s3 with keys). */
    private final Map<String, JobDefinition> definitions = Map.of(
            "resumes", definition("resumes", true), "cannot_resume", definition("cannot_resume", false));

    private JobDefinition definition(String type, boolean resumable) {
        return new JobDefinition() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public ObjectNode prepare(OperationRequest request, String jobId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean resumable(ObjectNode storedRequest) {
                return resumable;
            }

            @Override
            public void removeLeftovers(ObjectNode storedRequest, String jobId) {
                leftoversRemoved.add(jobId);
            }
        };
    }

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
    }

    @BeforeEach
    void noJobs() {
        store.update("DELETE FROM CARAVAN.JOBS");
        leftoversRemoved.clear();
    }

    private JobLeases leases(String node) {
        return new JobLeases(store, node, LEASE, now::get);
    }

    private NodeHeartbeats heartbeats(String node) {
        return new NodeHeartbeats(store, node, "host", 9925, LEASE, now::get);
    }

    private JobAdoption adoption(String node) {
        return new JobAdoption(store, jobs, leases(node), heartbeats(node), definitions);
    }

    /** A job of the type that node "dead" was running, 300 of 400 rows committed, when it stopped renewing. */
    private String runningOnDeadNode(String type, String pinnedNode) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, type, "HDB_ADMIN", HarperJson.object().put("operation", type), now.get(), pinnedNode);
        assertTrue(leases("dead").claim(id));
        jobs.setPhase(id, JobPhase.WRITING);
        store.update("UPDATE CARAVAN.JOBS SET ROWS_READ = 400, ROWS_WRITTEN = 300 WHERE ID = ?", id);
        return id;
    }

    private void leaseRunsOut() {
        now.addAndGet(LEASE.toMillis() + 1);
    }

    @Test
    void nothingIsAdoptedWhileTheOwnerRenewsItsLease() {
        runningOnDeadNode("resumes", null);
        now.addAndGet(LEASE.toMillis() - 1);
        assertEquals(0, adoption("alive").adoptOrphans());
    }

    @Test
    void aResumableJobLosesItsLeftoversAndIsQueuedAgainForAnyNode() {
        String id = runningOnDeadNode("resumes", null);
        leaseRunsOut();

        assertEquals(1, adoption("alive").adoptOrphans());

        Job job = jobs.find(id).orElseThrow();
        assertEquals(JobStatus.IN_PROGRESS, job.status());
        assertEquals(JobPhase.QUEUED, job.phase());
        assertEquals(List.of(id), leftoversRemoved);
        assertNull(leases("any").owner(id), "held by none: the first node with an idle worker takes it");
        assertEquals(List.of(id), new JobQueue(store, leases("third"), () -> 1, (i, t) -> { }).claim(1).stream()
                .map(JobQueue.Claimed::id).toList());
        assertEquals(400, job.progress().rowsRead(), "it resumes after its last committed batch");
    }

    @Test
    void aJobThatCannotResumeEndsErrorInterruptedNamingTheNode() {
        String id = runningOnDeadNode("cannot_resume", null);
        leaseRunsOut();

        assertEquals(1, adoption("alive").adoptOrphans());

        Job job = jobs.find(id).orElseThrow();
        assertEquals(JobStatus.ERROR, job.status());
        assertTrue(job.interrupted());
        assertEquals("Job interrupted: node dead stopped while it ran; 300 of 400 records read were committed",
                job.message().textValue());
        assertEquals(List.of(id), leftoversRemoved);
    }

    @Test
    void aPinnedJobWhoseNodeIsGoneEndsErrorNamingItAndItsFilesAreLeftAlone() {
        String id = runningOnDeadNode("resumes", "dead");
        leaseRunsOut();

        assertEquals(1, adoption("alive").adoptOrphans());

        Job job = jobs.find(id).orElseThrow();
        assertEquals(JobStatus.ERROR, job.status());
        assertTrue(job.interrupted());
        assertEquals("Job interrupted: node dead stopped, and no other node can run the job (its files or keys are"
                + " on that node); 300 of 400 records read were committed", job.message().textValue());
        assertEquals(List.of(), leftoversRemoved, "they are on the gone node's disk");
    }

    @Test
    void aPinnedJobWaitsForItsNodeWhileThatNodeIsAliveWhichRecoversItItself() {
        heartbeats("restarting").started();
        String id = UUID.randomUUID().toString();
        jobs.create(id, "resumes", "HDB_ADMIN", HarperJson.object(), now.get(), "restarting");
        assertTrue(leases("restarting").claim(id));
        leaseRunsOut();
        heartbeats("restarting").started(); // back, with the same node id, before anyone adopted it

        assertEquals(0, adoption("alive").adoptOrphans());
        assertEquals(List.of(id), adoption("restarting").ownJobs());
    }

    @Test
    void aQueuedJobPinnedToANodeThatStoppedBeatingEndsError() {
        heartbeats("dead").started();
        String id = UUID.randomUUID().toString();
        jobs.create(id, "resumes", "HDB_ADMIN", HarperJson.object(), now.get(), "dead");
        assertEquals(0, adoption("alive").adoptOrphans(), "its node is alive: it waits for a worker there");
        leaseRunsOut();

        assertEquals(1, adoption("alive").adoptOrphans());
        assertEquals(JobStatus.ERROR, jobs.find(id).orElseThrow().status());
    }

    @Test
    void aRestartingNodesOwnJobsAreThoseItHeldOrThatArePinnedToIt() {
        String held = runningOnDeadNode("resumes", null);
        String pinned = UUID.randomUUID().toString();
        jobs.create(pinned, "resumes", "HDB_ADMIN", HarperJson.object(), now.get() + 1, "dead");
        jobs.create(UUID.randomUUID().toString(), "resumes", "HDB_ADMIN", HarperJson.object(), now.get() + 2, null);

        assertEquals(List.of(held, pinned), adoption("dead").ownJobs());
    }

    @Test
    void ofNodesAdoptingAtOnceExactlyOneTakesEachJob() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(runningOnDeadNode("cannot_resume", null));
        }
        leaseRunsOut();
        int nodes = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Integer>> adopted = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                JobAdoption node = adoption("adopter-" + n);
                adopted.add(pool.submit(() -> {
                    start.await();
                    return node.adoptOrphans();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> a : adopted) {
                total += a.get();
            }
            assertEquals(ids.size(), total);
            assertEquals(ids.size(), leftoversRemoved.size(), "each job's leftovers removed once");
        } finally {
            pool.shutdownNow();
        }
    }
}
