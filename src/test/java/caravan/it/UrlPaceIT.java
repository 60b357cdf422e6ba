package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A URL source must keep a pace (issue 8, point 3): here at least 200 bytes per second over 2 s windows,
 * and 6 s in all (small settings through the environment). A source that breaks a rule is aborted and
 * the job ends ERROR saying which rule, with the rows committed before it.
 */
class UrlPaceIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_BATCH_SIZE", "1000",
            "CARAVAN_URL_MIN_BYTES_PER_SECOND", "200", "CARAVAN_URL_MIN_RATE_WINDOW", "2000",
            "CARAVAN_URL_MAX_DURATION", "6000"));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static TricklingCsvServer source;

    @BeforeAll
    static void start() throws IOException {
        admin.ok("{'operation':'create_database','database':'ref'}");
        source = TricklingCsvServer.start();
    }

    @AfterAll
    static void stop() {
        source.close();
    }

    private static JsonNode load(String table, String url) {
        admin.ok("{'operation':'create_table','database':'ref','table':'" + table + "','primary_key':'id'}");
        long start = System.nanoTime();
        JsonNode done = jobs.await(jobs.submit("{'operation':'csv_url_load','database':'ref','table':'" + table
                + "','csv_url':'" + url + "'}"), Duration.ofSeconds(60));
        System.out.println(table + ": ended after " + (System.nanoTime() - start) / 1_000_000 + " ms: "
                + done.get("message").asText());
        long written = done.get("progress").get("rows_written").asLong();
        assertEquals(written, admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .get("record_count").asLong(), "the count in the job is what the table holds");
        return done;
    }

    @Test
    void sourceSlowerThanTheMinimumRateEndsInError() {
        JsonNode done = load("slow", source.url(6_500, 2000));
        assertEquals("ERROR", done.get("status").asText(), done::toString);
        String message = done.get("message").asText();
        assertTrue(message.startsWith("CSV Load failed from URL: " + source.url(6_500, 2000) + ", the source sent "),
                message);
        long committed = done.get("progress").get("rows_written").asLong();
        assertTrue(committed > 0, done::toString);
        assertTrue(message.endsWith("slower than 200 bytes per second (caravan.url.min-bytes-per-second)"
                + " (" + committed + " records were committed before the failure)"), message);
    }

    @Test
    void downloadLongerThanTheMaximumDurationEndsInError() {
        JsonNode done = load("long", source.url(0, 5));
        assertEquals("ERROR", done.get("status").asText(), done::toString);
        assertEquals("CSV Load failed from URL: " + source.url(0, 5)
                + ", the download took longer than 6000 ms (caravan.url.max-duration)", done.get("message").asText());
    }
}
