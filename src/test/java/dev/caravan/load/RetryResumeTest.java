package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobRetry;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.RowErrorStore;
import dev.caravan.store.StoreOnEachEngine;
import dev.caravan.store.TableMeta;
import dev.caravan.store.WriteAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Where a retried load begins, on each engine: after the old job when its source is the same, else at the start. */
class RetryResumeTest extends StoreOnEachEngine {
    private static final TableMeta TABLE = new TableMeta("t", "ref", "dogs", "id", "D1", "T1", 1, new LinkedHashMap<>());
    private static final SourceIdentity FILE = SourceIdentity.ofObject(5000L, "\"e1\"", null);
    private JobStore jobs;
    private JobSources sources;
    private RowErrorStore errors;
    private RetryResume retries;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        sources = new JobSources(store);
        errors = new RowErrorStore(store, jobs);
        retries = new RetryResume(store, jobs, sources, errors);
    }

    /** A cancelled load that committed 2,000 rows (3,000 bytes) of FILE, with one row error. */
    private String cancelledLoad() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "ann", HarperJson.object(), System.currentTimeMillis());
        sources.recordIdentity(id, FILE.toJson());
        store.inTransaction(c -> {
            jobs.recordProgress(c, id, new Job.Progress(2000, 1999, 0, 1, 3000, null));
            sources.recordHash(c, id, "abc");
            errors.record(c, id, List.of(RowErrorStore.error(7, null, null, "failed", "no_key", null, null, null, "x")));
            return null;
        });
        jobs.fail(id, HarperJson.MAPPER.getNodeFactory().textNode("Job cancelled"), System.currentTimeMillis(), true, false);
        return id;
    }

    private LoadContext retryOf(String old) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "ann", HarperJson.object().put(JobRetry.RETRY_OF, old), System.currentTimeMillis());
        return new LoadContext(jobs.find(id).orElseThrow(), TABLE, WriteAction.INSERT);
    }

    @Test
    void theSameSourceGoesOnAfterTheOldJobsRowsWithItsCountsAndErrors() {
        String old = cancelledLoad();
        LoadContext load = retryOf(old);
        Optional<SourceCheckpoint> checkpoint = retries.goOnAfterRetried(load, FILE);

        assertEquals(Optional.of(new SourceCheckpoint(3000, "abc")), checkpoint, "the reading must match it");
        assertEquals(2000, load.resumeAfterRows());
        assertEquals(1999, load.committed().rowsWritten());
        Job created = jobs.find(load.jobId()).orElseThrow();
        assertEquals(2000, created.progress().rowsRead());
        assertEquals(2000, created.request().get(JobRetry.RESUMED_AFTER_ROWS).asLong());
        assertEquals("abc", sources.find(load.jobId()).orElseThrow().hash());
        assertEquals(1, errors.count(load.jobId(), null));
    }

    @Test
    void aChangedSourceStartsFromTheStart() {
        LoadContext load = retryOf(cancelledLoad());
        assertTrue(retries.goOnAfterRetried(load, SourceIdentity.ofObject(5000L, "\"e2\"", null)).isEmpty());
        assertEquals(0, load.resumeAfterRows());
        Job created = jobs.find(load.jobId()).orElseThrow();
        assertEquals(0, created.progress().rowsRead());
        assertFalse(created.request().has(JobRetry.RESUMED_AFTER_ROWS));
        assertEquals(0, errors.count(load.jobId(), null));
    }

    @Test
    void aDeletedOldJobLeavesNothingToGoOnFrom() {
        String old = cancelledLoad();
        LoadContext load = retryOf(old);
        jobs.deleteFinished(old);
        assertTrue(retries.goOnAfterRetried(load, FILE).isEmpty());
        assertEquals(0, load.resumeAfterRows());
    }

    @Test
    void aJobThatIsNoRetryIsLeftAlone() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "ann", HarperJson.object(), System.currentTimeMillis());
        LoadContext load = new LoadContext(jobs.find(id).orElseThrow(), TABLE, WriteAction.INSERT);
        assertTrue(retries.goOnAfterRetried(load, FILE).isEmpty());
    }
}
