package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.time.Instant;

/** A job as get_job and search_jobs_by_start_date show it (contract §11, §12, compatibility C1). */
public final class JobView {
    private JobView() {
    }

    /** get_job, its pace the average since the job started (ProgressRate.average; JobStore.rate has the recent one). */
    public static ObjectNode forGetJob(Job job) {
        return forGetJob(job, ProgressRate.average(job, System.currentTimeMillis()));
    }

    /** get_job: the stored fields, result included; plus phase, progress and the stored request (no secrets in it). */
    public static ObjectNode forGetJob(Job job, ProgressRate rate) {
        ObjectNode out = forListing(job, rate);
        if (job.request() != null) {
            out.set("request", job.request());
        }
        return out;
    }

    /** One of list_jobs' jobs: get_job's element without the request (JobListing). */
    public static ObjectNode forListing(Job job, ProgressRate rate) {
        ObjectNode out = base(job);
        if (job.result() != null) {
            out.set("result", job.result());
        }
        addCaravanFields(out, job, rate);
        return out;
    }

    /** search_jobs_by_start_date, its pace the average since the job started. */
    public static ObjectNode forSearch(Job job) {
        return forSearch(job, ProgressRate.average(job, System.currentTimeMillis()));
    }

    /** search_jobs_by_start_date: no result, plus the *_converted ISO dates. */
    public static ObjectNode forSearch(Job job, ProgressRate rate) {
        ObjectNode out = base(job);
        addCaravanFields(out, job, rate);
        out.put("start_datetime_converted", Instant.ofEpochMilli(job.startDatetime()).toString());
        if (job.endDatetime() != null) {
            out.put("end_datetime_converted", Instant.ofEpochMilli(job.endDatetime()).toString());
        }
        return out;
    }

    private static ObjectNode base(Job job) {
        ObjectNode out = HarperJson.object();
        out.put("id", job.id());
        out.put("type", job.type());
        out.put("user", job.user());
        out.put("created_datetime", job.createdDatetime());
        out.put("start_datetime", job.startDatetime());
        out.put("status", job.status().name());
        if (job.message() != null) {
            out.set("message", job.message());
        }
        if (job.endDatetime() != null) {
            out.put("end_datetime", job.endDatetime());
        }
        return out;
    }

    /** A load's row outcomes, counts per reason and its first row errors (docs/row-outcomes.md). */
    /** A pace to one decimal: finer is noise. */
    private static double rounded(double perSecond) {
        return Math.round(perSecond * 10) / 10.0;
    }

    private static void addOutcomes(ObjectNode out, RowOutcomes o) {
        out.set("outcomes", outcomes(o));
        out.put("row_errors_recorded", o.errorsRecorded());
        out.set("row_errors", o.firstErrors());
    }

    /** A load's counts by outcome, with the reasons rows failed or were skipped (also in webhook events). */
    public static ObjectNode outcomes(RowOutcomes o) {
        ObjectNode outcomes = HarperJson.object();
        outcomes.put("inserted", o.inserted());
        outcomes.put("updated", o.updated());
        outcomes.put("unchanged", o.unchanged());
        outcomes.put("skipped", o.skipped());
        outcomes.put("failed", o.failed());
        ObjectNode reasons = outcomes.putObject("reasons");
        o.reasons().forEach(reasons::put);
        return outcomes;
    }

    private static void addCaravanFields(ObjectNode out, Job job, ProgressRate rate) {
        // the job table's own columns (JobTarget): only for a job that names them, so no one else sees a new field
        if (job.target().database() != null) {
            out.put("database", job.target().database());
        }
        if (job.target().table() != null) {
            out.put("table", job.target().table());
        }
        out.put("phase", job.phase() == null ? null : job.phase().label());
        ObjectNode progress = out.putObject("progress");
        Job.Progress p = job.progress();
        progress.put("rows_read", p.rowsRead());
        progress.put("rows_written", p.rowsWritten());
        progress.put("rows_skipped", p.rowsSkipped());
        if (p.outcomes() != null) {
            progress.put("rows_failed", p.rowsFailed()); // a load's: its rows are counted one by one
        }
        progress.put("bytes_read", p.bytesRead());
        if (p.bytesTotal() != null) {
            progress.put("bytes_total", p.bytesTotal());
        }
        if (p.percent() != null) {
            progress.put("percent", p.percent());
        }
        progress.put("rows_per_second", rounded(rate.rowsPerSecond()));
        progress.put("bytes_per_second", rounded(rate.bytesPerSecond()));
        if (rate.etaSeconds() != null) {
            progress.put("eta_seconds", rate.etaSeconds());
        } else if (!job.isFinished() && p.bytesTotal() != null) {
            progress.putNull("eta_seconds"); // no pace yet: unknown, and a running job's fields stay the same
        }
        if (p.outcomes() != null) {
            addOutcomes(out, p.outcomes());
        }
        if (job.cancelled()) {
            out.put("cancelled", true);
        }
        if (job.interrupted()) {
            out.put("interrupted", true);
        }
        addRetryFields(out, job);
    }

    /** retry_job's new job: which job it retries and, when it went on after that job's rows, after how many. */
    private static void addRetryFields(ObjectNode out, Job job) {
        ObjectNode request = job.request();
        if (request == null || !request.hasNonNull(JobRetry.RETRY_OF)) {
            return;
        }
        out.put(JobRetry.RETRY_OF, request.get(JobRetry.RETRY_OF).asText());
        if (request.hasNonNull(JobRetry.RESUMED_AFTER_ROWS)) {
            out.put(JobRetry.RESUMED_AFTER_ROWS, request.get(JobRetry.RESUMED_AFTER_ROWS).asLong());
        }
    }
}
