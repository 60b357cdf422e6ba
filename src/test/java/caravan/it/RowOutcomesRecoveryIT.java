package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill -9 in the middle of a load with on_error continue (issue 10 point 9): the job resumes after its
 * last committed batch, and since each batch's row errors commit with it, its outcome counts are exact
 * and no row error is lost or recorded twice.
 */
class RowOutcomesRecoveryIT {
    private static final int ROWS = 300_000;
    @TempDir
    static Path files;
    /** Small batches, so the load is well inside when killed; room for every row error. */
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOBS_BATCH_SIZE", "500",
            "CARAVAN_LOAD_MAX_ROW_ERRORS", "10000"));
    private static final ApiClient admin = caravan.admin();

    /** Row i's key: every 100th row's is a JSON object (invalid_key); every other row is id i. */
    private static boolean bad(long row) {
        return row % 100 == 0;
    }

    /** Rows 50, 150, 250 .. are in the table before the load (key_exists). */
    private static boolean existing(long row) {
        return row % 100 == 50;
    }

    private static Path file() throws IOException {
        Path file = files.resolve("messy-" + ROWS + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write((bad(i) ? "\"{\"\"bad\"\":" + i + "}\"" : String.valueOf(i)) + ",Dog " + i + "\n");
            }
        }
        return file;
    }

    private static void insertExisting() {
        StringBuilder records = new StringBuilder("[");
        for (int i = 1; i <= ROWS; i++) {
            if (existing(i)) {
                records.append(records.length() == 1 ? "" : ",").append("{'id':").append(i).append(",'name':'old'}");
            }
        }
        admin.ok("{'operation':'insert','database':'ref','table':'crash','records':" + records.append(']') + "}");
    }

    /** Every recorded row of a reason, paged through get_job_errors. */
    private static List<Long> errorRows(ApiClient client, String jobId, String reason) {
        List<Long> rows = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = client.ok("{'operation':'get_job_errors','id':'" + jobId + "','reason':'" + reason
                    + "','offset':" + offset + ",'limit':1000}");
            page.path("errors").forEach(e -> rows.add(e.path("row").asLong()));
            if (page.path("errors").size() < 1000) {
                return rows;
            }
        }
    }

    @Test
    void killedLoadWithOnErrorContinueResumesWithExactOutcomesAndRowErrors() throws IOException {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'create_table','database':'ref','table':'crash','primary_key':'id'}");
        insertExisting();
        Path file = file();
        Jobs jobs = new Jobs(admin);
        String id = jobs.submit("{'operation':'csv_file_load','database':'ref','table':'crash','on_error':'continue',"
                + "'file_path':'" + file + "'}");
        JsonNode midway = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.get(id), j -> j.path("progress").path("rows_read").asLong() >= 30_000);
        assertEquals("IN_PROGRESS", midway.get("status").asText(), midway::toString);

        caravan.process().kill();
        caravan.process().start();

        ApiClient client = caravan.admin();
        JsonNode done = new Jobs(client).await(id, Duration.ofSeconds(300));
        long failed = LongStream.rangeClosed(1, ROWS).filter(RowOutcomesRecoveryIT::bad).count();
        long skipped = LongStream.rangeClosed(1, ROWS).filter(RowOutcomesRecoveryIT::existing).count();
        long inserted = ROWS - failed - skipped;
        assertEquals("COMPLETE", done.path("status").asText(), done::toString);
        assertEquals("successfully loaded " + inserted + " of " + ROWS + " records", done.path("message").asText());
        JsonNode outcomes = done.path("outcomes");
        assertEquals(inserted, outcomes.path("inserted").asLong(), done::toString);
        assertEquals(skipped, outcomes.path("skipped").asLong(), done::toString);
        assertEquals(failed, outcomes.path("failed").asLong(), done::toString);
        assertEquals(failed, outcomes.path("reasons").path("invalid_key").asLong(), done::toString);
        assertEquals(skipped, outcomes.path("reasons").path("key_exists").asLong(), done::toString);
        assertEquals(2, outcomes.path("reasons").size(), done::toString);
        assertEquals(failed, done.path("progress").path("rows_failed").asLong(), done::toString);
        assertEquals(failed + skipped, done.path("row_errors_recorded").asLong(), done::toString);

        JsonNode all = client.ok("{'operation':'get_job_errors','id':'" + id + "','limit':1}");
        assertEquals(failed + skipped, all.path("total").asLong(), all::toString);
        assertEquals(LongStream.rangeClosed(1, ROWS).filter(RowOutcomesRecoveryIT::bad).boxed().toList(),
                errorRows(client, id, "invalid_key"));
        assertEquals(LongStream.rangeClosed(1, ROWS).filter(RowOutcomesRecoveryIT::existing).boxed().toList(),
                errorRows(client, id, "key_exists"));

        JsonNode described = client.ok("{'operation':'describe_table','database':'ref','table':'crash'}");
        assertEquals(inserted + skipped, described.path("record_count").asLong());
        JsonNode kept = client.ok("{'operation':'search_by_hash','database':'ref','table':'crash',"
                + "'hash_values':[150, " + (ROWS - 1) + "],'get_attributes':['id','name']}");
        assertEquals(2, kept.size(), kept::toString);
        for (JsonNode record : kept) {
            assertEquals(record.path("id").asLong() == 150 ? "old" : "Dog " + (ROWS - 1), record.path("name").asText());
        }
    }
}
