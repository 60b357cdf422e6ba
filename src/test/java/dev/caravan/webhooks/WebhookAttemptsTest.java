package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobStore;
import dev.caravan.store.StoreOnEachEngine;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The deliveries table on each engine: attempts recorded, shown in event order, deleted with their job. */
class WebhookAttemptsTest extends StoreOnEachEngine {
    private static final CallbackUrl URL = CallbackUrl.of(TextNode.valueOf("https://hooks.example/x?token=t0k"));
    private JobStore jobs;
    private WebhookAttempts attempts;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        attempts = new WebhookAttempts(store, jobs);
    }

    private String finishedJob() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        jobs.fail(id, TextNode.valueOf("x"), System.currentTimeMillis(), false, false);
        return id;
    }

    private static WebhookMessage message(String jobId, String event, long time) {
        return new WebhookMessage(UUID.randomUUID().toString(), jobId, event, time, URL, false, "{}");
    }

    @Test
    void eachAttemptIsRecordedAndTheLastOneShown() {
        String id = finishedJob();
        WebhookMessage completed = message(id, "completed", 100);
        WebhookMessage started = message(id, "started", 100);
        attempts.begin(completed); // taken first by another sender, yet shown after its start
        attempts.begin(started);
        attempts.attempted(started, 1, 500, "HTTP 500", false);
        attempts.attempted(started, 2, null, "SocketTimeoutException: Read timed out", false);
        attempts.attempted(completed, 1, 204, null, true);

        ArrayNode shown = attempts.forJob(id);
        assertEquals(2, shown.size());
        ObjectNode first = (ObjectNode) shown.get(0);
        assertEquals("started", first.path("event").asText());
        assertEquals("https://hooks.example/x", first.path("url").asText());
        assertEquals(2, first.path("attempts").asInt());
        assertFalse(first.has("last_status"));
        assertEquals("SocketTimeoutException: Read timed out", first.path("last_error").asText());
        assertFalse(first.path("delivered").asBoolean());
        assertEquals(HarperJson.object().put("url", "https://hooks.example/x").put("event", "completed")
                .put("attempts", 1).put("last_status", 204).put("delivered", true).toString(), shown.get(1).toString());
        assertFalse(shown.toString().contains("t0k"));
    }

    @Test
    void aLongErrorIsCut() {
        String id = finishedJob();
        WebhookMessage m = message(id, "failed", 1);
        attempts.begin(m);
        attempts.attempted(m, 1, null, "e".repeat(2000), false);
        assertEquals(WebhookAttempts.ERROR_CHARS, attempts.forJob(id).get(0).path("last_error").asText().length());
    }

    @Test
    void aRunningJobsDeliveriesAreShownFromMemoryUntilItEnds() {
        String id = finishedJob();
        attempts.watch(id);
        WebhookMessage started = message(id, "started", 1);
        attempts.begin(started);
        attempts.attempted(started, 1, 204, null, true);
        ObjectNode element = HarperJson.object();
        attempts.addTo(element, jobs.find(id).orElseThrow(), true);
        assertEquals(attempts.forJob(id), element.get(WebhookAttempts.FIELD));
        attempts.unwatch(id);
        ObjectNode after = HarperJson.object();
        attempts.addTo(after, jobs.find(id).orElseThrow(), true);
        assertFalse(after.has(WebhookAttempts.FIELD), "nothing in memory once it ended: the table answers");
    }

    @Test
    void aJobWithoutWebhooksShowsNoField() {
        ObjectNode element = HarperJson.object();
        attempts.addTo(element, jobs.find(finishedJob()).orElseThrow(), false);
        assertFalse(element.has(WebhookAttempts.FIELD));
    }

    @Test
    void theRowsGoWithTheirJob() {
        String id = finishedJob();
        attempts.begin(message(id, "failed", 1));
        assertTrue(jobs.deleteFinished(id));
        assertEquals(0, attempts.forJob(id).size());
    }
}
