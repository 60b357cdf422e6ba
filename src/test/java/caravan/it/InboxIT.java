package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-file example source (routes/examples/inbox-load.camel.yaml): a dropped CSV becomes a load job. */
class InboxIT {
    @TempDir
    static Path inbox;
    private static CaravanProcess caravan;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        caravan = CaravanProcess.startFresh(Map.of("CARAVAN_INBOX_ENABLED", "true", "CARAVAN_INBOX_DIR", inbox.toString(),
                "CARAVAN_INBOX_DATABASE", "ref", "CARAVAN_INBOX_TABLE", "dropped"));
        admin = caravan.admin();
        admin.ok("{'operation':'create_table','database':'ref','table':'dropped','primary_key':'id'}");
    }

    @AfterAll
    static void stop() {
        caravan.close();
    }

    @Test
    void droppedCsvIsLoadedAsAJobAndMovedToDone() throws Exception {
        Path staged = Files.writeString(inbox.resolveSibling("staging.csv"), "id,name\n1,a\n2,b\n3,c\n");
        Files.move(staged, inbox.resolve("first.csv"));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(inbox.resolve(".done/first.csv")));
        JsonNode found = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}");
        JsonNode job = found.get(found.size() - 1);
        // its own job type, the job route's id (issue 9: no longer borrowed from csv_file_load)
        assertEquals("inbox-load", job.get("type").asText());
        assertEquals("COMPLETE", job.get("status").asText(), job.toString());
        assertEquals("successfully loaded 3 of 3 records", job.get("message").asText());
        assertEquals(CaravanProcess.ADMIN, job.get("user").asText());
        JsonNode two = admin.ok("{'operation':'search_by_hash','database':'ref','table':'dropped','hash_values':[2],"
                + "'get_attributes':['name']}");
        assertEquals("b", two.get(0).get("name").asText());
        assertTrue(Files.notExists(inbox.resolve("first.csv")));
    }
}
