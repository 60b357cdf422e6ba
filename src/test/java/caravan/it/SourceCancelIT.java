package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * A cancel ends a job whatever its source is doing (issue 8, point 3): here a URL that sends a row every
 * 2 s, so the job sits in a read, never at a batch boundary. The pace rules are off in this server
 * (CARAVAN_URL_MIN_BYTES_PER_SECOND=0, CARAVAN_URL_MAX_DURATION=0) so only the cancel can end it.
 * Measured latencies are printed ("cancel latency"), not asserted beyond a generous bound.
 */
class SourceCancelIT {
    /** More than the parser's first look (64K characters for the delimiter), so batches commit at once. */
    private static final int BURST = 6_500;
    private static final int BATCH = 1_000;
    private static final Map<String, String> ENV = Map.of("CARAVAN_JOB_WORKERS", "2",
            "CARAVAN_JOB_BATCH_SIZE", String.valueOf(BATCH), "CARAVAN_URL_MIN_BYTES_PER_SECOND", "0",
            "CARAVAN_URL_MAX_DURATION", "0");

    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(ENV);
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

    private static String table(ApiClient client, String name) {
        client.ok("{'operation':'create_table','database':'ref','table':'" + name + "','primary_key':'id'}");
        return name;
    }

    private static String trickleLoad(Jobs on, String table) {
        return on.submit("{'operation':'csv_url_load','database':'ref','table':'" + table + "','csv_url':'"
                + source.url(BURST, 2000) + "'}");
    }

    /** Batches of the burst are committed, the trickle has begun, and the job waits on its next row. */
    private static long awaitWaitingOnTheSource(Jobs on, String id) {
        JsonNode job = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> on.get(id), j -> j.path("progress").path("rows_written").asLong() >= BATCH
                        && source.rowsSent() > BURST);
        return job.path("progress").path("rows_written").asLong();
    }

    private static void assertCancelledWithTheTablesCount(JsonNode done, ApiClient client, String table) {
        assertEquals("ERROR", done.get("status").asText(), done::toString);
        assertTrue(done.get("cancelled").asBoolean(), done::toString);
        long committed = done.get("progress").get("rows_written").asLong();
        assertTrue(committed >= BATCH && committed <= BURST, done::toString);
        assertEquals("Job cancelled; " + committed + " of " + committed + " records read were committed",
                done.get("message").asText());
        assertEquals(committed, recordCount(client, table), "the count in the job is what the table holds");
    }

    private static long recordCount(ApiClient client, String table) {
        return client.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .get("record_count").asLong();
    }

    @Test
    void cancelEndsAUrlLoadWaitingOnARowEveryTwoSeconds() {
        String table = table(admin, "trickle");
        String id = trickleLoad(jobs, table);
        awaitWaitingOnTheSource(jobs, id);
        int disconnectedBefore = source.disconnected();

        long start = System.nanoTime();
        admin.ok("{'operation':'cancel_job','id':'" + id + "'}");
        JsonNode done = jobs.await(id, Duration.ofSeconds(20));
        long latencyMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("cancel latency (URL source, a row every 2 s): " + latencyMs + " ms");

        assertCancelledWithTheTablesCount(done, admin, table);
        await().atMost(Duration.ofSeconds(20)).until(() -> source.disconnected() > disconnectedBefore);
    }

    @Test
    void cancelledStalledLoadsFreeTheWorkersForOtherJobs() {
        String first = trickleLoad(jobs, table(admin, "stall1"));
        String second = trickleLoad(jobs, table(admin, "stall2"));
        awaitWaitingOnTheSource(jobs, first);
        awaitWaitingOnTheSource(jobs, second);
        String waiting = jobs.submit("{'operation':'csv_data_load','database':'ref','table':'"
                + table(admin, "after") + "','data':'id\\n1\\n2\\n'}");
        assertEquals("queued", jobs.get(waiting).get("phase").asText(), "both workers are held by the stalled loads");

        admin.ok("{'operation':'cancel_job','id':'" + first + "'}");
        admin.ok("{'operation':'cancel_job','id':'" + second + "'}");

        assertCancelledWithTheTablesCount(jobs.await(first, Duration.ofSeconds(20)), admin, "stall1");
        assertCancelledWithTheTablesCount(jobs.await(second, Duration.ofSeconds(20)), admin, "stall2");
        JsonNode after = jobs.await(waiting, Duration.ofSeconds(30));
        assertEquals("successfully loaded 2 of 2 records", after.get("message").asText(), after::toString);
    }

    @Test
    void sigtermWithATricklingSourceStopsCleanlyAndTheJobResumes() {
        try (CaravanProcess own = CaravanProcess.startFresh(ENV)) {
            ApiClient client = own.admin();
            Jobs ownJobs = new Jobs(client);
            client.ok("{'operation':'create_database','database':'ref'}");
            String id = trickleLoad(ownJobs, table(client, "sigterm"));
            long committedBeforeStop = awaitWaitingOnTheSource(ownJobs, id);
            int logBefore = own.logText().length();

            long start = System.nanoTime();
            int exit = own.stop();
            long stopMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println("SIGTERM to exit with a trickling URL source: " + stopMs + " ms"
                    + " (camel.main.shutdown-timeout = 30 s)");

            assertTrue(exit == 0 || exit == 143, "exited on the SIGTERM, not killed after 60 s: exit " + exit);
            String shutdownLog = own.logText().substring(logBefore);
            assertFalse(shutdownLog.contains("Timeout occurred during graceful shutdown"), shutdownLog);

            own.start();
            Jobs restarted = new Jobs(own.admin());
            assertEquals("IN_PROGRESS", restarted.get(id).get("status").asText(), "stopped for the shutdown, not failed");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> restarted.get(id).path("phase").asText(), phase -> !"queued".equals(phase));
            own.admin().ok("{'operation':'cancel_job','id':'" + id + "'}");
            JsonNode done = restarted.await(id, Duration.ofSeconds(20));
            assertCancelledWithTheTablesCount(done, own.admin(), "sigterm");
            assertTrue(done.get("progress").get("rows_written").asLong() >= committedBeforeStop,
                    "the resumed job went on from its committed rows");
        }
    }
}
