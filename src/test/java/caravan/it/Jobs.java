package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Submitting jobs and following them with get_job, as a Harper client does. */
public final class Jobs {
    private final ApiClient client;

    public Jobs(ApiClient client) {
        this.client = client;
    }

    /** Submits a job operation and returns its id (asserting Harper's answer shape, contract §2.2). */
    public String submit(String json) {
        ApiClient.Response r = client.post(json);
        assertEquals(200, r.status(), () -> "submit failed: " + r);
        String id = r.body().path("job_id").asText();
        assertEquals("Starting job with id " + id, r.message());
        return id;
    }

    public JsonNode get(String id) {
        JsonNode jobs = client.ok("{'operation':'get_job','id':'" + id + "'}");
        assertEquals(1, jobs.size(), () -> "get_job " + id + " -> " + jobs);
        return jobs.get(0);
    }

    /** Polls get_job until the job is no longer IN_PROGRESS; returns the finished job. */
    public JsonNode await(String id) {
        return await(id, Duration.ofSeconds(120));
    }

    public JsonNode await(String id, Duration timeout) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            last.set(get(id));
            return !"IN_PROGRESS".equals(last.get().path("status").asText());
        });
        return last.get();
    }

    /** Submits, waits, and returns the finished job. */
    public JsonNode run(String json) {
        return await(submit(json));
    }
}
