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
 * Running jobs: one worker (CARAVAN_JOB_WORKERS=1) so a second job waits its turn; progress while
 * running; cancel_job of a running and of a queued job.
 */
class JobControlIT {
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_WORKERS", "1", "CARAVAN_JOB_BATCH_SIZE", "1000"));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static Path bigFile;

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
        bigFile = TestFiles.dogs(files, 400_000);
    }

    private static String table(String name) {
        admin.ok("{'operation':'create_table','database':'ref','table':'" + name + "','primary_key':'id'}");
        return name;
    }

    private static String bigLoad(String table) {
        return jobs.submit("{'operation':'csv_file_load','database':'ref','table':'" + table + "','file_path':'"
                + bigFile + "'}");
    }

    private static long recordCount(String table) {
        return admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}").get("record_count").asLong();
    }

    private static JsonNode awaitRowsWritten(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);
    }

    @Test
    void secondJobWaitsQueuedWhileTheOnlyWorkerIsBusyThenCancelStopsBoth() {
        String first = bigLoad(table("q1"));
        String second = bigLoad(table("q2"));
        JsonNode running = awaitRowsWritten(first);
        assertEquals("IN_PROGRESS", running.get("status").asText());
        JsonNode waiting = jobs.get(second);
        assertEquals("IN_PROGRESS", waiting.get("status").asText());
        assertEquals("queued", waiting.get("phase").asText());

        admin.ok("{'operation':'cancel_job','id':'" + second + "'}");
        JsonNode cancelledQueued = jobs.await(second);
        assertEquals("ERROR", cancelledQueued.get("status").asText());
        assertEquals(true, cancelledQueued.get("cancelled").asBoolean());

        admin.ok("{'operation':'cancel_job','id':'" + first + "'}");
        JsonNode cancelled = jobs.await(first);
        assertEquals("ERROR", cancelled.get("status").asText());
        assertEquals(true, cancelled.get("cancelled").asBoolean());
        long committed = cancelled.get("progress").get("rows_written").asLong();
        assertTrue(cancelled.get("message").asText().startsWith("Job cancelled; " + committed + " of "),
                cancelled.get("message").asText());
        assertEquals(committed, recordCount("q1"), "the count in the job is what the table holds");
        assertTrue(committed < 400_000, "stopped before the end");
        assertEquals(0, recordCount("q2"));
    }

    @Test
    void progressGrowsWhileTheJobRuns() {
        String id = bigLoad(table("progress"));
        JsonNode early = awaitRowsWritten(id);
        assertEquals("writing", early.get("phase").asText());
        JsonNode progress = early.get("progress");
        assertTrue(progress.get("bytes_total").asLong() > 0);
        assertTrue(progress.get("percent").asInt() >= 0 && progress.get("percent").asInt() <= 100);
        JsonNode finished = jobs.await(id);
        assertTrue(finished.get("progress").get("rows_written").asLong() >= progress.get("rows_written").asLong());
        assertEquals("successfully loaded 400000 of 400000 records", finished.get("message").asText());
    }

    @Test
    void cancellingAFinishedJobIs400() {
        String id = jobs.submit("{'operation':'csv_data_load','database':'ref','table':'" + table("done")
                + "','data':'id\\n1\\n'}");
        jobs.await(id);
        ApiClient.Response r = admin.post("{'operation':'cancel_job','id':'" + id + "'}");
        assertEquals(400, r.status());
    }

    @Test
    void cancellingAnUnknownJobIs404() {
        assertEquals(404, admin.post("{'operation':'cancel_job','id':'00000000-0000-0000-0000-000000000000'}").status());
    }
}
