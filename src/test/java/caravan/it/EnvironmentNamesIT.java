package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Environment names follow one rule, the key in upper case with dots and dashes as underscores
 * (caravan.jobs.batch-size is CARAVAN_JOBS_BATCH_SIZE), and the names of earlier releases
 * (CARAVAN_JOB_BATCH_SIZE) still work. The batch size shows in a running load, whose rows_written
 * moves in whole batches: a URL sends 6,500 rows at once and then a row every 2 s, so the load runs
 * on. Below 6,500 no multiple of 700 is one of 1,100 or of the default 1,000, and the reverse.
 */
class EnvironmentNamesIT {
    private static final int BURST = 6_500;
    private static TricklingCsvServer source;

    @BeforeAll
    static void startSource() throws IOException {
        source = TricklingCsvServer.start();
    }

    @AfterAll
    static void stopSource() {
        source.close();
    }

    @Test
    void theOldNameSetsTheBatchSize() {
        assertLoadsInBatchesOf(700, Map.of("CARAVAN_JOB_BATCH_SIZE", "700"));
    }

    @Test
    void theNameOfTheRuleSetsTheBatchSize() {
        assertLoadsInBatchesOf(1_100, Map.of("CARAVAN_JOBS_BATCH_SIZE", "1100"));
    }

    @Test
    void theNameOfTheRuleWinsOverTheOldOne() {
        assertLoadsInBatchesOf(1_100, Map.of("CARAVAN_JOB_BATCH_SIZE", "700", "CARAVAN_JOBS_BATCH_SIZE", "1100"));
    }

    /** 0 means one worker per core, whether it is the default or given by the environment. */
    @Test
    void zeroWorkersFromTheEnvironmentMeansOnePerCore() {
        assertLoadsInBatchesOf(700, Map.of("CARAVAN_JOBS_WORKERS", "0", "CARAVAN_JOBS_BATCH_SIZE", "700"));
    }

    private static void assertLoadsInBatchesOf(long batch, Map<String, String> env) {
        try (CaravanProcess caravan = CaravanProcess.startFresh(env)) {
            ApiClient admin = caravan.admin();
            Jobs jobs = new Jobs(admin);
            admin.ok("{'operation':'create_table','database':'ref','table':'rows','primary_key':'id'}");
            String id = jobs.submit("{'operation':'csv_url_load','database':'ref','table':'rows','csv_url':'"
                    + source.url(BURST, 2000) + "'}");
            JsonNode running = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);
            assertEquals("IN_PROGRESS", running.get("status").asText(), running::toString);
            assertWholeBatches(batch, running);

            admin.ok("{'operation':'cancel_job','id':'" + id + "'}");
            assertWholeBatches(batch, jobs.await(id, Duration.ofSeconds(20)));
        }
    }

    private static void assertWholeBatches(long batch, JsonNode job) {
        long written = job.path("progress").path("rows_written").asLong();
        assertTrue(written > 0 && written < BURST && written % batch == 0,
                () -> "rows_written is not a whole number of batches of " + batch + ": " + job);
    }
}
