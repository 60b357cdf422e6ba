package dev.caravan.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStatus;
import dev.caravan.jobs.RowOutcomes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The job series move by what each batch committed and once per ended job. */
class JobMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobMeters meters = new JobMeters(registry);

    private static RowOutcomes outcomes(long inserted, Map<String, Long> reasons) {
        return new RowOutcomes(inserted, 0, 0, 0, 0, reasons, 0, HarperJson.array(), 0, 0);
    }

    private static Job.Progress progress(long read, long written, long skipped, long bytes, RowOutcomes outcomes) {
        return new Job.Progress(read, written, skipped, 0, bytes, null, outcomes);
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private static Job ended(JobStatus status, boolean cancelled, boolean interrupted, long start, Long end) {
        return new Job("j", "csv_file_load", "HDB_ADMIN", start, start, end, status, TextNode.valueOf("m"), null, null,
                JobPhase.DONE, Job.Progress.NONE, cancelled, interrupted);
    }

    @Test
    void batchesAddWhatTheyCommittedSinceTheLastOne() {
        Job.Progress first = progress(1000, 990, 10, 50_000, outcomes(990, Map.of("key_exists", 10L)));
        Job.Progress second = progress(1500, 1480, 15, 75_000,
                outcomes(1480, Map.of("key_exists", 15L, "not_castable", 5L)));
        meters.batchCommitted("csv_file_load", Job.Progress.NONE, first);
        meters.batchCommitted("csv_file_load", first, second);

        assertEquals(1500, counter("caravan.job.rows.read", "type", "csv_file_load"));
        assertEquals(1480, counter("caravan.job.rows.written", "type", "csv_file_load"));
        assertEquals(15, counter("caravan.job.rows.skipped", "type", "csv_file_load"));
        assertEquals(75_000, counter("caravan.job.read", "type", "csv_file_load"));
        assertEquals(15, counter(JobMeters.ROW_ERRORS, "type", "csv_file_load", "reason", "key_exists",
                "outcome", "skipped"));
        assertEquals(5, counter(JobMeters.ROW_ERRORS, "type", "csv_file_load", "reason", "not_castable",
                "outcome", "failed"));
    }

    @Test
    void aResumedJobCountsOnlyWhatItCommitsAfterResuming() {
        Job.Progress resumedAt = progress(5000, 5000, 0, 1000, null);
        meters.batchCommitted("csv_file_load", resumedAt, progress(6000, 6000, 0, 1200, null));
        assertEquals(1000, counter("caravan.job.rows.written", "type", "csv_file_load"));
        assertEquals(200, counter("caravan.job.read", "type", "csv_file_load"));
    }

    @Test
    void eachTypeHasItsOwnCounters() {
        meters.batchCommitted("export_local", Job.Progress.NONE, progress(10, 10, 0, 0, null));
        meters.batchCommitted("csv_file_load", Job.Progress.NONE, progress(3, 3, 0, 0, null));
        assertEquals(10, counter("caravan.job.rows.written", "type", "export_local"));
        assertEquals(3, counter("caravan.job.rows.written", "type", "csv_file_load"));
    }

    @Test
    void anEndedJobCountsOnceUnderItsOutcomeWithItsDuration() {
        meters.ended(ended(JobStatus.COMPLETE, false, false, 1_000, 4_000L));
        meters.ended(ended(JobStatus.ERROR, false, false, 1_000, 2_000L));
        meters.ended(ended(JobStatus.ERROR, true, false, 1_000, 1_500L));
        meters.ended(ended(JobStatus.ERROR, false, true, 1_000, 1_000L));

        assertEquals(1, counter(JobMeters.FINISHED, "type", "csv_file_load", "status", "COMPLETE", "outcome", "completed"));
        assertEquals(1, counter(JobMeters.FINISHED, "type", "csv_file_load", "status", "ERROR", "outcome", "failed"));
        assertEquals(1, counter(JobMeters.FINISHED, "type", "csv_file_load", "status", "ERROR", "outcome", "cancelled"));
        assertEquals(1, counter(JobMeters.FINISHED, "type", "csv_file_load", "status", "ERROR", "outcome", "interrupted"));
        var complete = registry.get(JobMeters.DURATION).tags("type", "csv_file_load", "status", "COMPLETE").timer();
        assertEquals(1, complete.count());
        assertEquals(3.0, complete.totalTime(TimeUnit.SECONDS), 1e-9);
        assertEquals(3, registry.get(JobMeters.DURATION).tags("status", "ERROR").timer().count());
    }

    @Test
    void rowErrorReasonsKeepTheirKind() {
        meters.batchCommitted("csv_data_load", Job.Progress.NONE,
                progress(1, 1, 0, 0, outcomes(1, Map.of("extra_fields", 1L))));
        assertEquals(1, counter(JobMeters.ROW_ERRORS, "reason", "extra_fields", "outcome", "note"));
        assertNull(registry.find(JobMeters.ROW_ERRORS).tags("reason", "key_exists").counter());
    }
}
