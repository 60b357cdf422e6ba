package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStatus;
import dev.caravan.jobs.RowOutcomes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event's JSON, field by field, for each kind of end and for a start. */
class WebhookEventTest {
    private static final long START = 1_700_000_000_000L;

    private static Job job(JobStatus status, Long end, boolean cancelled, RowOutcomes outcomes) {
        ObjectNode request = HarperJson.object().put("operation", "csv_file_load").put("database", "dev")
                .put("table", "dogs").put(CallbackUrl.FIELD, "https://h/x?[redacted]");
        return new Job("j-1", "csv_file_load", "ann", START - 5, START, end, status,
                end == null ? null : TextNode.valueOf("done"), null, request, JobPhase.DONE,
                new Job.Progress(10, 7, 1, 2, 300, 300L, outcomes), cancelled, false);
    }

    @Test
    void aCompletedLoadCarriesItsCountsOutcomesAndTimes() {
        RowOutcomes outcomes = new RowOutcomes(5, 2, 0, 1, 2, Map.of("key_exists", 1L, "not_castable", 2L), 3,
                HarperJson.array(), 0, 0);
        ObjectNode event = WebhookEvent.of(WebhookEvent.COMPLETED, "e-1", job(JobStatus.COMPLETE, START + 1500, false,
                outcomes));
        assertEquals(HarperJson.object().put("event", "completed").put("event_id", "e-1").put("job_id", "j-1")
                .put("type", "csv_file_load").put("status", "COMPLETE").put("message", "done").put("user", "ann")
                .put("database", "dev").put("table", "dogs").put("start_datetime", "2023-11-14T22:13:20Z")
                .put("end_datetime", "2023-11-14T22:13:21.500Z")
                .<ObjectNode>set("counts", HarperJson.object().put("rows_read", 10).put("rows_written", 7)
                        .put("rows_skipped", 1).put("rows_failed", 2))
                .set("outcomes", HarperJson.object().put("inserted", 5).put("updated", 2).put("unchanged", 0)
                        .put("skipped", 1).put("failed", 2).set("reasons", HarperJson.object()
                                .put("key_exists", 1).put("not_castable", 2))).toString(), event.toString());
    }

    @Test
    void endsAreNamedByStatusAndCancel() {
        assertEquals("completed", WebhookEvent.ofEnd(job(JobStatus.COMPLETE, START, false, null)));
        assertEquals("failed", WebhookEvent.ofEnd(job(JobStatus.ERROR, START, false, null)));
        assertEquals("cancelled", WebhookEvent.ofEnd(job(JobStatus.ERROR, START, true, null)));
        assertEquals(true, WebhookEvent.of("cancelled", "e", job(JobStatus.ERROR, START, true, null))
                .path("cancelled").asBoolean());
    }

    @Test
    void aStartHasNoEndNoMessageAndNoOutcomesBeforeTheFirstBatch() {
        ObjectNode event = WebhookEvent.of(WebhookEvent.STARTED, "e-2", job(JobStatus.IN_PROGRESS, null, false, null));
        assertEquals("IN_PROGRESS", event.path("status").asText());
        assertFalse(event.has("end_datetime"));
        assertFalse(event.has("message"));
        assertFalse(event.has("outcomes"));
        assertFalse(event.toString().contains("callback"), "the request's other fields stay out");
    }
}
