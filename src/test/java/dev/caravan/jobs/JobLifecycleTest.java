package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** JobStore tells its listeners of each start and each end, once, with the job as it ended. */
class JobLifecycleTest extends StoreOnEachEngine {
    private final List<Job> started = new CopyOnWriteArrayList<>();
    private final List<Job> ended = new CopyOnWriteArrayList<>();
    private JobStore jobs;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        jobs.listen(new JobLifecycle() {
            @Override
            public void started(Job job) {
                started.add(job);
            }

            @Override
            public void ended(Job job) {
                ended.add(job);
            }
        });
        jobs.listen(new JobLifecycle() {
            @Override
            public void started(Job job) {
                throw new IllegalStateException("a failing listener");
            }

            @Override
            public void ended(Job job) {
                throw new IllegalStateException("a failing listener");
            }
        });
    }

    private String newJob() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "ann", HarperJson.object().put("database", "dev").put("table", "dog"),
                System.currentTimeMillis());
        return id;
    }

    private List<Job> of(List<Job> seen, String id) {
        return seen.stream().filter(j -> j.id().equals(id)).toList();
    }

    @Test
    void aRunJobIsToldStartedThenEndedWithItsRequestAndEnd() {
        String id = newJob();
        jobs.startRunning(id);
        assertEquals(1, of(started, id).size());
        assertEquals(JobPhase.READING, of(started, id).get(0).phase());
        assertTrue(jobs.complete(id, "done", null, 1234), "a failing listener does not fail the job's end");
        jobs.stopRunning(id);
        List<Job> end = of(ended, id);
        assertEquals(1, end.size());
        assertEquals(JobStatus.COMPLETE, end.get(0).status());
        assertEquals(1234L, end.get(0).endDatetime());
        assertEquals("done", end.get(0).message().asText());
        assertEquals("dog", end.get(0).request().path("table").asText(), "the request as it was before the end");
    }

    @Test
    void aQueuedJobCancelledIsToldEndedOnceAndNeverStarted() {
        String id = newJob();
        assertTrue(jobs.fail(id, TextNode.valueOf("cancelled"), 5, true, false));
        assertFalse(jobs.fail(id, TextNode.valueOf("again"), 6, true, false), "already ended");
        assertEquals(0, of(started, id).size());
        List<Job> end = of(ended, id);
        assertEquals(1, end.size());
        assertTrue(end.get(0).cancelled());
        assertEquals(JobStatus.ERROR, end.get(0).status());
    }
}
