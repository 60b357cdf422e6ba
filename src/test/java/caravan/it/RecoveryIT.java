package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety (compatibility C2): kill -9 in the middle of a load, start again, and the job resumes
 * after its last committed batch: no row lost or doubled, counts exact, nothing left IN_PROGRESS.
 */
class RecoveryIT {
    private static final int ROWS = 1_000_000;
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_WORKERS", "2"));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
    }

    @Test
    void killedFileLoadResumesAndEndsWithExactCounts() {
        admin.ok("{'operation':'create_table','database':'ref','table':'crash','primary_key':'id'}");
        Path file = TestFiles.dogs(files, ROWS);
        String id = jobs.submit("{'operation':'csv_file_load','database':'ref','table':'crash','file_path':'" + file + "'}");
        JsonNode midway = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() >= 50_000);
        assertEquals("IN_PROGRESS", midway.get("status").asText());

        caravan.process().kill();
        caravan.process().start();

        JsonNode done = new Jobs(caravan.admin()).await(id, Duration.ofSeconds(300));
        assertEquals("COMPLETE", done.get("status").asText(), done.toString());
        assertEquals("successfully loaded " + ROWS + " of " + ROWS + " records", done.get("message").asText());
        JsonNode described = caravan.admin().ok("{'operation':'describe_table','database':'ref','table':'crash'}");
        assertEquals(ROWS, described.get("record_count").asLong());
        JsonNode last = caravan.admin().ok("{'operation':'search_by_hash','database':'ref','table':'crash',"
                + "'hash_values':[" + ROWS + "],'get_attributes':['name']}");
        assertEquals("Dog " + ROWS, last.get(0).get("name").asText());
    }

    @Test
    void stoppedServerLetsTheLoadStopAtABatchAndResumesIt() {
        admin.ok("{'operation':'create_table','database':'ref','table':'graceful','primary_key':'id'}");
        Path file = TestFiles.dogs(files, 300_000);
        String id = jobs.submit("{'operation':'csv_file_load','database':'ref','table':'graceful','file_path':'"
                + file + "'}");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);

        caravan.process().stop(); // SIGTERM
        caravan.process().start();

        JsonNode done = new Jobs(caravan.admin()).await(id, Duration.ofSeconds(300));
        assertEquals("successfully loaded 300000 of 300000 records", done.get("message").asText());
        assertEquals(300_000, caravan.admin().ok("{'operation':'describe_table','database':'ref','table':'graceful'}")
                .get("record_count").asLong());
    }

    @Test
    void killedUrlLoadWithSecretHeadersEndsInterrupted() throws Exception {
        admin.ok("{'operation':'create_table','database':'ref','table':'urlcrash','primary_key':'id'}");
        try (SlowCsvServer server = SlowCsvServer.start(200_000)) {
            String id = jobs.submit("{'operation':'csv_url_load','database':'ref','table':'urlcrash','csv_url':'"
                    + server.url() + "','passthrough_headers':{'Authorization':'Bearer s3cr3t-token'}}");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);
            caravan.process().kill();
            caravan.process().start();
            JsonNode done = new Jobs(caravan.admin()).await(id, Duration.ofSeconds(60));
            assertEquals("ERROR", done.get("status").asText());
            assertEquals(true, done.get("interrupted").asBoolean());
            assertTrue(done.get("message").asText().startsWith("Job interrupted"), done.get("message").asText());
            assertTrue(!caravan.process().logText().contains("s3cr3t-token"), "the header value never reaches the log");
        }
    }
}
