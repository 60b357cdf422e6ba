package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job the inbox route started (routes/examples/inbox-load.camel.yaml) is of its own type, and a crash
 * cannot resume it (the file was the consumer's): it ends ERROR saying what it had committed, and the
 * inbox, which never finished the file, loads it again as a new job.
 */
class InboxRecoveryIT {
    private static final int ROWS = 1_000_000;
    @TempDir
    static Path files;
    @TempDir
    static Path inbox;
    private static CaravanProcess caravan;

    @BeforeAll
    static void start() {
        caravan = CaravanProcess.startFresh(Map.of("CARAVAN_INBOX_ENABLED", "true",
                "CARAVAN_INBOX_DIR", inbox.toString(),
                "CARAVAN_INBOX_DATABASE", "ref", "CARAVAN_INBOX_TABLE", "dropped"));
        caravan.admin().ok("{'operation':'create_table','database':'ref','table':'dropped','primary_key':'id'}");
    }

    @AfterAll
    static void stop() {
        caravan.close();
    }

    @Test
    void killedInboxJobEndsInterruptedAndTheFileIsLoadedAgain() throws Exception {
        Files.move(TestFiles.dogs(files, ROWS), inbox.resolve("dogs.csv"));
        Jobs jobs = new Jobs(caravan.admin());
        JsonNode midway = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(InboxRecoveryIT::onlyJob,
                        j -> j != null && j.path("progress").path("rows_written").asLong() > 0);
        String id = midway.get("id").asText();
        assertEquals("inbox-load", midway.get("type").asText());
        assertEquals("IN_PROGRESS", midway.get("status").asText());

        caravan.kill();
        caravan.start();

        JsonNode interrupted = jobs.await(id, Duration.ofSeconds(60));
        assertEquals("ERROR", interrupted.get("status").asText(), interrupted.toString());
        JsonNode progress = interrupted.get("progress");
        assertEquals("Job interrupted: the server stopped while it ran; " + progress.get("rows_written").asLong()
                + " of " + progress.get("rows_read").asLong() + " records read were committed",
                interrupted.get("message").asText());
        await().atMost(Duration.ofSeconds(300)).until(() -> Files.exists(inbox.resolve(".done/dogs.csv")));
        JsonNode found = caravan.admin().ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01',"
                + "'to_date':'2100-01-01'}");
        assertEquals(2, found.size(), found::toString);
        JsonNode again = jobs.await(found.get(0).get("id").asText().equals(id)
                ? found.get(1).get("id").asText() : found.get(0).get("id").asText(), Duration.ofSeconds(60));
        assertEquals("inbox-load", again.get("type").asText());
        assertEquals("successfully loaded " + ROWS + " of " + ROWS + " records", again.get("message").asText(),
                again.toString());
    }

    private static JsonNode onlyJob() {
        JsonNode found = caravan.admin().ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01',"
                + "'to_date':'2100-01-01'}");
        return found.size() == 1 ? found.get(0) : null;
    }
}
