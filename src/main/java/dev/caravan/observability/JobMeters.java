package dev.caravan.observability;

import dev.caravan.formats.RowReason;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobLifecycle;
import dev.caravan.jobs.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs' Prometheus series, moved once per committed batch (never per row) and once per ended job:
 * rows and bytes by job type, row errors by reason (docs/row-outcomes.md), jobs finished by type, status
 * and outcome, and their durations from start_datetime to end_datetime. Counts are this process's since
 * it started; a resumed job counts only what it commits after resuming.
 */
public final class JobMeters implements JobLifecycle {
    static final String FINISHED = "caravan.jobs.finished";
    static final String DURATION = "caravan.job.duration";
    static final String ROW_ERRORS = "caravan.job.row.errors";
    /** Bucket bounds from a small csv_data_load to a load of hours. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
        Duration.ofHours(3), Duration.ofHours(6)};

    private final MeterRegistry registry;
    private final Map<String, TypeCounters> byType = new ConcurrentHashMap<>();
    private final Map<String, Counter> rowErrors = new ConcurrentHashMap<>();

    public JobMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counters of one job type, looked up once. */
    private record TypeCounters(Counter rowsRead, Counter rowsWritten, Counter rowsSkipped, Counter rowsFailed,
                                Counter bytesRead) {
    }

    @Override
    public void batchCommitted(String type, Job.Progress before, Job.Progress after) {
        TypeCounters counters = byType.computeIfAbsent(type, this::countersOf);
        add(counters.rowsRead(), after.rowsRead() - before.rowsRead());
        add(counters.rowsWritten(), after.rowsWritten() - before.rowsWritten());
        add(counters.rowsSkipped(), after.rowsSkipped() - before.rowsSkipped());
        add(counters.rowsFailed(), after.rowsFailed() - before.rowsFailed());
        add(counters.bytesRead(), after.bytesRead() - before.bytesRead());
        if (after.outcomes() != null) {
            Map<String, Long> was = before.outcomesOrNone().reasons();
            after.outcomes().reasons().forEach((reason, n) ->
                    add(rowErrorCounter(type, reason), n - was.getOrDefault(reason, 0L)));
        }
    }

    @Override
    public void ended(Job job) {
        String status = job.status().name();
        Counter.builder(FINISHED)
                .description("Jobs that ended, by type, status and outcome (completed, failed, cancelled, interrupted)")
                .tags("type", job.type(), "status", status, "outcome", outcome(job))
                .register(registry).increment();
        if (job.endDatetime() != null) {
            Timer.builder(DURATION)
                    .description("Job durations from start_datetime to end_datetime, by type and status")
                    .tags("type", job.type(), "status", status)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(Duration.ofMillis(Math.max(0, job.endDatetime() - job.startDatetime())));
        }
    }

    /** How an ended job ended: a cancel and a crash or a lost node are ERRORs of their own kind. */
    static String outcome(Job job) {
        if (job.cancelled()) {
            return "cancelled";
        }
        if (job.interrupted()) {
            return "interrupted";
        }
        return job.status() == JobStatus.COMPLETE ? "completed" : "failed";
    }

    private TypeCounters countersOf(String type) {
        return new TypeCounters(
                counter("caravan.job.rows.read", "Rows read by jobs (loads: source rows; exports: records)", type),
                counter("caravan.job.rows.written", "Rows written by jobs (records stored, or exported)", type),
                counter("caravan.job.rows.skipped", "Rows skipped by loads (docs/row-outcomes.md)", type),
                counter("caravan.job.rows.failed", "Rows failed by loads (docs/row-outcomes.md)", type),
                Counter.builder("caravan.job.read").baseUnit("bytes")
                        .description("Source bytes read by loads").tag("type", type).register(registry));
    }

    private Counter counter(String name, String description, String type) {
        return Counter.builder(name).description(description).tag("type", type).register(registry);
    }

    private Counter rowErrorCounter(String type, String reason) {
        return rowErrors.computeIfAbsent(type + ' ' + reason, key -> Counter.builder(ROW_ERRORS)
                .description("Load rows skipped, failed or written with a note, by reason (docs/row-outcomes.md)")
                .tags("type", type, "reason", reason, "outcome", kindOf(reason))
                .register(registry));
    }

    /** skipped, failed or note: what the reason did to its row. */
    private static String kindOf(String reason) {
        try {
            return RowReason.ofCode(reason).kind().name().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    private static void add(Counter counter, long delta) {
        if (delta > 0) {
            counter.increment(delta);
        }
    }
}
