package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that cannot get its turn at a table answers 503 with Harper's error shape and writes
 * nothing. Here no write may wait at all (CARAVAN_DB_WRITE_WAIT_SECONDS=0) while a load writes the
 * table in long transactions (a batch size larger than the file; batches are then bounded by
 * caravan.load.max-record-bytes).
 */
class TableBusyIT {
    private static final int ROWS = 150_000;

    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_BATCH_SIZE", "1000000",
            "CARAVAN_DB_WRITE_WAIT_SECONDS", "0"));
    private static final ApiClient api = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_database','database':'busy'}");
    }

    /**
     * The rule holds both ways: the load's batches may not wait either, so now and then a batch
     * meets an insert and the job ends ERROR with the same message, its committed rows counted truly.
     * Such a round shows no insert meeting the load, so the scenario is run again (a few rounds at most).
     */
    @Test
    void aWriteThatFindsTheTableBusyIs503AndWritesNothing() {
        Path file = TestFiles.dogs(files, ROWS);
        long busy = 0;
        for (int round = 0; round < 5 && busy == 0; round++) {
            busy = insertsBesideALoad(file);
        }
        assertTrue(busy > 0, "no insert met the load's transaction in 5 rounds");
    }

    /** One load with inserts sent beside it until it ends; every answer checked; the inserts answered 503. */
    private static long insertsBesideALoad(Path file) {
        String table = api.newTable("busy");
        Jobs jobs = new Jobs(api);
        String job = jobs.submit("{'operation':'csv_file_load','database':'busy','table':'" + table
                + "','file_path':'" + file + "'}");
        String busyMessage = "Table 'busy." + table + "' is busy with other writes; try again";
        List<ApiClient.Response> answers = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5)).until(() -> {
            int key = 10_000_000 + answers.size(); // never in the file
            answers.add(api.post("{'operation':'insert','database':'busy','table':'" + table
                    + "','records':[{'id':" + key + ",'name':'between'}]}"));
            return !"IN_PROGRESS".equals(jobs.get(job).path("status").asText());
        });
        long inserted = 0;
        long busy = 0;
        for (ApiClient.Response r : answers) {
            if (r.status() == 200) {
                assertEquals("inserted 1 of 1 records", r.message(), r::toString);
                inserted++;
            } else {
                assertEquals("503 {\"error\":\"" + busyMessage + "\"}", r.toString());
                busy++;
            }
        }
        JsonNode ended = jobs.get(job);
        long committed = ended.path("progress").path("rows_written").asLong();
        if ("COMPLETE".equals(ended.path("status").asText())) {
            assertEquals("successfully loaded " + ROWS + " of " + ROWS + " records", ended.path("message").asText());
            assertEquals(ROWS, committed);
        } else {
            assertTrue(ended.path("message").asText().startsWith(busyMessage), ended::toString);
        }
        assertEquals(committed + inserted, api.ok("{'operation':'describe_table','database':'busy','table':'" + table
                + "'}").path("record_count").asLong());
        return busy;
    }
}
