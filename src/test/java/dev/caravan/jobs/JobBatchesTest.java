package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.caravan.core.HarperJson;
import dev.caravan.store.Store;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's batch: a cancelled job stops before it, and its work and the job's counts commit together or not at all. */
class JobBatchesTest {
    @TempDir
    static Path dir;
    private static Store store;
    private static JobStore jobs;
    private final JobControl control = new JobControl();
    private final JobMonitor monitor = new JobMonitor();
    private final JobBatches batches = new JobBatches(jobs, control, monitor);

    @BeforeAll
    static void open() {
        store = new Store(dir.resolve("data"), 2);
        jobs = new JobStore(store);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static JobRun newRun() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        return new JobRun(jobs.require(id));
    }

    private static Job.Progress rows(long n) {
        return new Job.Progress(n, n, 0, 0, 0, null);
    }

    @Test
    void aBatchCommitsItsCountsAndTellsTheMonitor() {
        JobRun run = newRun();
        JobBatches.Committed<String> done = batches.commit(run, store::inTransaction,
                c -> new JobBatches.Committed<>("work", rows(250), 250));
        assertEquals("work", done.result());
        assertEquals(250, jobs.require(run.jobId()).progress().rowsWritten());
        assertEquals(rows(250), run.committed());
        assertEquals(250, monitor.getRowsWritten());
    }

    @Test
    void aFailedBatchLeavesTheCountsAsTheyWere() {
        JobRun run = newRun();
        batches.commit(run, store::inTransaction, c -> new JobBatches.Committed<>(null, rows(100), 100));
        assertThrows(RuntimeException.class, () -> batches.commit(run, store::inTransaction, c -> {
            throw new SQLException("the batch's insert failed");
        }));
        assertEquals(100, jobs.require(run.jobId()).progress().rowsWritten());
        assertEquals(rows(100), run.committed());
        assertEquals(100, monitor.getRowsWritten());
    }

    @Test
    void aCancelledJobStopsBeforeItsNextBatch() {
        JobRun run = newRun();
        control.requestCancel(run.jobId());
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(JobCancelledException.class, () -> batches.commit(run, store::inTransaction, c -> {
            ran.set(true);
            return new JobBatches.Committed<>(null, rows(1), 1);
        }));
        assertFalse(ran.get());
        assertEquals(0, jobs.require(run.jobId()).progress().rowsWritten());
        assertEquals(Job.Progress.NONE, run.committed());
    }
}
