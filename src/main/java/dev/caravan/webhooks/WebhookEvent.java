package dev.caravan.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobStatus;
import dev.caravan.jobs.JobView;
import dev.caravan.jobs.RowOutcomes;
import java.time.Instant;

/** The JSON a receiver gets for a job's start or end (README, Webhooks). */
public final class WebhookEvent {
    public static final String STARTED = "started";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    private WebhookEvent() {
    }

    /** The event an ended job's end is: completed, cancelled or failed. */
    public static String ofEnd(Job job) {
        if (job.status() == JobStatus.COMPLETE) {
            return COMPLETED;
        }
        return job.cancelled() ? CANCELLED : FAILED;
    }

    public static ObjectNode of(String event, String eventId, Job job) {
        ObjectNode out = HarperJson.object();
        out.put("event", event);
        out.put("event_id", eventId);
        out.put("job_id", job.id());
        out.put("type", job.type());
        out.put("status", job.status().name());
        if (job.message() != null) {
            out.set("message", job.message());
        }
        out.put("user", job.user());
        ObjectNode request = job.request();
        if (request != null) {
            copyText(request, "database", out);
            copyText(request, "table", out);
        }
        out.put("start_datetime", Instant.ofEpochMilli(job.startDatetime()).toString());
        if (job.endDatetime() != null) {
            out.put("end_datetime", Instant.ofEpochMilli(job.endDatetime()).toString());
        }
        Job.Progress p = job.progress();
        ObjectNode counts = out.putObject("counts");
        counts.put("rows_read", p.rowsRead());
        counts.put("rows_written", p.rowsWritten());
        counts.put("rows_skipped", p.rowsSkipped());
        counts.put("rows_failed", p.rowsFailed());
        if (p.outcomes() != null) {
            out.set("outcomes", JobView.outcomes(p.outcomes()));
        }
        if (job.cancelled()) {
            out.put("cancelled", true);
        }
        if (job.interrupted()) {
            out.put("interrupted", true);
        }
        return out;
    }

    private static void copyText(ObjectNode from, String field, ObjectNode to) {
        JsonNode value = from.get(field);
        if (value != null && value.isTextual()) {
            to.put(field, value.textValue());
        }
    }
}
