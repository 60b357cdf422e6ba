package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that cannot get its turn at a table answers 503 with Harper's error shape and writes
 * nothing. Here no write may wait at all (CARAVAN_DB_WRITE_WAIT_SECONDS=0) while a load writes the
 * table in long transactions (a batch size larger than the file; batches are then bounded by
 * caravan.load.max-record-bytes).
 */
class TableBusyIT {
    // several batches, each bounded by the record limit: seconds of writing for the inserts to meet
    private static final int ROWS = 400_000;

    @TempDir
    static Path files;
    private static CaravanProcess caravan;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        caravan = CaravanProcess.startFresh(Map.of("CARAVAN_JOB_BATCH_SIZE", "1000000",
                "CARAVAN_DB_WRITE_WAIT_SECONDS", "0"));
        api = caravan.admin();
        api.ok("{'operation':'create_database','database':'busy'}");
    }

    @AfterAll
    static void stop() {
        caravan.close();
    }

    @Test
    void aWriteThatFindsTheTableBusyIs503AndWritesNothing() {
        String table = api.newTable("busy");
        Jobs jobs = new Jobs(api);
        String job = jobs.submit("{'operation':'csv_file_load','database':'busy','table':'" + table
                + "','file_path':'" + TestFiles.dogs(files, ROWS) + "'}");
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
                assertEquals("503 {\"error\":\"Table 'busy." + table + "' is busy with other writes; try again\"}",
                        r.toString());
                busy++;
            }
        }
        assertTrue(busy > 0, () -> "no insert met the load's transaction: " + answers.size() + " answers");
        assertEquals("successfully loaded " + ROWS + " of " + ROWS + " records",
                jobs.get(job).path("message").asText());
        assertEquals(ROWS + inserted, api.ok("{'operation':'describe_table','database':'busy','table':'" + table
                + "'}").path("record_count").asLong());
    }
}
