package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The job table tells its listeners of each committed batch and of each job's end, once, on each engine. */
class JobEventsTest extends StoreOnEachEngine {
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<Job> ended = new CopyOnWriteArrayList<>();
    private JobStore jobs;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        jobs.listen(new JobLifecycle() { // told first: its failures must not keep the news from the next
            @Override
            public void batchCommitted(String type, Job.Progress before, Job.Progress after) {
                throw new IllegalStateException("a failing listener");
            }

            @Override
            public void ended(Job job) {
                throw new IllegalStateException("a failing listener");
            }
        });
        jobs.listen(new JobLifecycle() {
            @Override
            public void batchCommitted(String type, Job.Progress before, Job.Progress after) {
                heard.add(type + " " + before.rowsWritten() + "->" + after.rowsWritten());
            }

            @Override
            public void ended(Job job) {
                ended.add(job);
            }
        });
    }

    private String running() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        jobs.startRunning(id);
        return id;
    }

    private void commit(String id, long written) {
        store.inTransaction(c -> {
            jobs.recordProgress(c, id, new Job.Progress(written, written, 0, 0, 0, null));
            return null;
        });
    }

    @Test
    void eachCommittedBatchIsHeardWithTheCountsBeforeAndAfterIt() {
        heard.clear();
        String id = running();
        commit(id, 1000);
        commit(id, 1500);
        assertEquals(List.of("csv_file_load 0->1000", "csv_file_load 1000->1500"), heard);
    }

    @Test
    void aBatchThatRollsBackIsNotHeard() {
        heard.clear();
        String id = running();
        try {
            store.inTransaction(c -> {
                jobs.recordProgress(c, id, new Job.Progress(10, 10, 0, 0, 0, null));
                throw new IllegalStateException("the batch failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(List.of(), heard);
    }

    @Test
    void aJobEndsOnceAndIsHeardAsItsRowNowSays() {
        ended.clear();
        String id = running();
        assertTrue(jobs.fail(id, TextNode.valueOf("Job cancelled"), System.currentTimeMillis(), true, false));
        jobs.fail(id, TextNode.valueOf("again"), System.currentTimeMillis(), false, false); // already ended
        assertEquals(1, ended.size());
        Job job = ended.get(0);
        assertEquals(id, job.id());
        assertEquals(JobStatus.ERROR, job.status());
        assertTrue(job.cancelled());
        assertEquals("csv_file_load", job.type());
    }
}
