package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The job retention on each engine: jobs that ended before the period go, in batches, with their row
 * errors and files; running and young ones stay; two purges at once delete each job once.
 */
class JobRetentionTest extends StoreOnEachEngine {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    @TempDir
    Path files;
    private JobStore jobs;
    private RowErrorStore errors;
    private JobDeletion deletion;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        errors = new RowErrorStore(store, jobs);
        deletion = new JobDeletion(store, jobs, new JobActions(jobs, false));
        deletion.alsoRemoveFiles(job -> {
            Path file = files.resolve(job.id());
            return Files.exists(file) ? List.of(file) : List.of();
        });
    }

    /** A job that ended endedAgo ms ago, with rowErrors row errors and a file of fileBytes (or none: -1). */
    private String finishedJob(long endedAgo, int rowErrors, int fileBytes) throws IOException {
        String id = running(rowErrors);
        jobs.complete(id, "done", null, System.currentTimeMillis() - endedAgo);
        if (fileBytes >= 0) {
            Files.write(files.resolve(id), new byte[fileBytes]);
        }
        return id;
    }

    private String running(int rowErrors) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis() - 3 * HOUR);
        store.inTransaction(c -> {
            for (int row = 1; row <= rowErrors; row++) {
                errors.record(c, id, List.of(RowErrorStore.error(row, null, null, "failed", "no_key", null, null, null, "x")));
            }
            return null;
        });
        return id;
    }

    private JobRetention retention(int batch) {
        return new JobRetention(jobs, deletion, Optional.of(Duration.ofHours(1)), batch);
    }

    private void purgeEverythingOld() {
        retention(1000).purge();
    }

    @Test
    void oldFinishedJobsGoInBatchesWithTheirRowErrorsAndFiles() throws IOException {
        purgeEverythingOld();
        List<String> old = List.of(finishedJob(2 * HOUR, 2, 10), finishedJob(3 * HOUR, 0, -1),
                finishedJob(2 * HOUR, 1, 5), finishedJob(HOUR + 60_000, 0, 7), finishedJob(5 * HOUR, 3, -1));
        String young = finishedJob(60_000, 4, 3);
        String stillRunning = running(2);
        JobRetention retention = retention(2);

        JobDeletion.Removed removed = retention.purge();

        assertEquals(new JobDeletion.Removed(5, 6, 3, 22), removed);
        old.forEach(id -> assertTrue(jobs.find(id).isEmpty(), id));
        old.forEach(id -> assertFalse(Files.exists(files.resolve(id))));
        assertTrue(jobs.find(young).isPresent());
        assertEquals(4, errors.count(young, null));
        assertTrue(Files.exists(files.resolve(young)));
        assertTrue(jobs.find(stillRunning).isPresent());
        assertEquals(2, errors.count(stillRunning, null));
        assertEquals(5, retention.getJobsRemoved());
        assertEquals(6, retention.getKeptRowsRemoved());
        assertEquals(3, retention.getFilesRemoved());
        assertEquals(22, retention.getBytesRemoved());
        assertEquals(new JobDeletion.Removed(0, 0, 0, 0), retention.purge(), "a second run finds nothing");
    }

    @Test
    void twoPurgesAtOnceRemoveEachJobOnce() throws Exception {
        purgeEverythingOld();
        for (int i = 0; i < 40; i++) {
            finishedJob(2 * HOUR, 1, 1);
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<JobDeletion.Removed> a = two.submit(() -> retention(7).purge());
            Future<JobDeletion.Removed> b = two.submit(() -> retention(7).purge());
            JobDeletion.Removed both = a.get().plus(b.get());
            assertEquals(new JobDeletion.Removed(40, 40, 40, 40), both);
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aRetentionOfZeroKeepsEveryJob() throws IOException {
        String old = finishedJob(100 * HOUR, 1, 1);
        JobRetention forever = new JobRetention(jobs, deletion, RetentionPeriod.parse("0"), 10);
        assertEquals(JobDeletion.Removed.NONE, forever.purge());
        assertTrue(jobs.find(old).isPresent());
        assertEquals("0", forever.getRetention());
    }
}
