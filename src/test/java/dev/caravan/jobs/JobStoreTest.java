package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Readers of a running job get its last committed state without waiting for the batch that holds its row. */
class JobStoreTest extends StoreOnEachEngine {
    private JobStore jobs;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
    }

    private String newJob() {
        String id = java.util.UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        return id;
    }

    private Job.Progress written(long rows) {
        return new Job.Progress(rows, rows, 0, 0, rows * 10, null);
    }

    @Test
    void aRunningJobIsReadWhileItsBatchTransactionIsOpenAndShowsOnlyCommittedCounts() throws Exception {
        String id = newJob();
        jobs.startRunning(id);
        CountDownLatch progressWritten = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> store.inTransaction(c -> {
            jobs.recordProgress(c, id, written(5000)); // the job row is now locked until the commit
            progressWritten.countDown();
            commit.await(30, TimeUnit.SECONDS);
            return null;
        }));
        assertTrue(progressWritten.await(30, TimeUnit.SECONDS));

        // a reader that waited for Derby's row lock would not answer before the batch commits
        Job during = CompletableFuture.supplyAsync(() -> jobs.find(id).orElseThrow()).get(20, TimeUnit.SECONDS);
        assertEquals(0, during.progress().rowsWritten());
        assertEquals(JobPhase.READING, during.phase());

        commit.countDown();
        batch.get(30, TimeUnit.SECONDS);
        Job after = jobs.find(id).orElseThrow();
        assertEquals(5000, after.progress().rowsWritten());
        assertEquals(JobPhase.WRITING, after.phase());
    }

    @Test
    void aRolledBackBatchIsNeverShown() {
        String id = newJob();
        jobs.startRunning(id);
        try {
            store.inTransaction(c -> {
                jobs.recordProgress(c, id, written(5000));
                throw new IllegalStateException("the batch failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(0, jobs.find(id).orElseThrow().progress().rowsWritten());
    }

    @Test
    void anEndedJobIsReadFromTheTableAgain() {
        String id = newJob();
        jobs.startRunning(id);
        store.inTransaction(c -> {
            jobs.recordProgress(c, id, written(7));
            return null;
        });
        jobs.complete(id, "successfully loaded 7 of 7 records", null, System.currentTimeMillis());
        jobs.stopRunning(id);
        Job ended = jobs.find(id).orElseThrow();
        assertEquals(JobStatus.COMPLETE, ended.status());
        assertEquals(7, ended.progress().rowsWritten());
        assertEquals(1, jobs.startedBetween(0, Long.MAX_VALUE).stream().filter(j -> j.id().equals(id)).count());
    }

    @Test
    void searchByStartDateShowsRunningJobsAsLastCommitted() {
        String id = newJob();
        jobs.startRunning(id);
        store.inTransaction(c -> {
            jobs.recordProgress(c, id, written(3));
            return null;
        });
        jobs.setBytesTotal(id, 300L);
        Job listed = jobs.startedBetween(0, Long.MAX_VALUE).stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow();
        assertEquals(3, listed.progress().rowsWritten());
        assertEquals(300L, listed.progress().bytesTotal());
        assertEquals(10, listed.progress().percent());
        jobs.stopRunning(id);
    }
}
