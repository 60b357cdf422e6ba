package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * A node that lost a job's lease (paused past it, the job adopted elsewhere) commits no batch and no end
 * over the adopter, on a shared database; on embedded Derby, one process, nothing is fenced.
 */
class JobFencingTest extends StoreOnEachEngine {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private JobStore pausedNode;
    private JobLeases paused;
    private JobLeases adopter;

    @BeforeParameterizedClassInvocation
    void open() {
        pausedNode = new JobStore(store, "paused");
        paused = new JobLeases(store, "paused", LEASE, now::get);
        adopter = new JobLeases(store, "adopter", LEASE, now::get);
    }

    private String jobAdoptedFromThePausedNode() {
        String id = UUID.randomUUID().toString();
        pausedNode.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), now.get());
        assertTrue(paused.claim(id));
        now.addAndGet(LEASE.toMillis() + 1);
        assertTrue(adopter.claim(id));
        return id;
    }

    @Test
    void aBatchOfANodeThatLostTheJobRollsBackWhereNodesShareTheDatabase() {
        String id = jobAdoptedFromThePausedNode();
        Job.Progress batch = new Job.Progress(1000, 1000, 0, 0, 4096, null);
        if (!store.dialect().sharedByProcesses()) {
            store.inTransaction(c -> {
                pausedNode.recordProgress(c, id, batch);
                return null;
            });
            assertEquals(1000, pausedNode.find(id).orElseThrow().progress().rowsWritten());
            return;
        }
        assertThrows(JobLeaseLostException.class, () -> store.inTransaction(c -> {
            pausedNode.recordProgress(c, id, batch);
            return null;
        }));
        assertEquals(0, pausedNode.find(id).orElseThrow().progress().rowsWritten());
    }

    @Test
    void anEndOfANodeThatLostTheJobIsRefusedWhereNodesShareTheDatabase() {
        String id = jobAdoptedFromThePausedNode();
        boolean shared = store.dialect().sharedByProcesses();

        assertEquals(!shared, pausedNode.complete(id, "done", null, now.get()));

        assertEquals(shared ? JobStatus.IN_PROGRESS : JobStatus.COMPLETE, pausedNode.find(id).orElseThrow().status());
        if (shared) {
            assertTrue(new JobStore(store, "adopter").complete(id, "done", null, now.get()), "the adopter ends it");
        }
    }

    @Test
    void aQueuedJobHeldByNoNodeMayBeEndedByAny() {
        String id = UUID.randomUUID().toString();
        pausedNode.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), now.get());
        assertTrue(new JobStore(store, "another").fail(id, HarperJson.MAPPER.getNodeFactory().textNode("cancelled"),
                now.get(), true, false));
        assertFalse(pausedNode.find(id).orElseThrow().status() == JobStatus.IN_PROGRESS);
    }
}
