package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * retry_job (compatibility C23): a cancelled load goes on after its last committed batch, or from the
 * start when its source changed; only failed, cancelled or interrupted jobs, of the caller, can be
 * retried; an S3 job needs its keys again.
 */
class RetryJobIT {
    private static final int ROWS = 300_000;
    private static final String BUCKET = "caravan-retry";
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOBS_WORKERS", "1",
            "CARAVAN_JOBS_BATCH_SIZE", "1000"));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static S3TestServer s3;

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'add_role','role':'loader','permission':{'super_user':false,'ref':{'tables':{}}}}");
        admin.ok("{'operation':'add_user','role':'loader','username':'loader','password':'pw','active':true}");
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static String table() {
        return admin.newTable("ref");
    }

    private static long recordCount(String table) {
        return admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}").get("record_count").asLong();
    }

    private static String fileLoad(String table, Path file) {
        return jobs.submit("{'operation':'csv_file_load','action':'insert','database':'ref','table':'" + table
                + "','file_path':'" + file + "'}");
    }

    /** Cancels the load once it has committed some batches; the cancelled job as get_job shows it. */
    private static JsonNode cancelMidway(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);
        admin.ok("{'operation':'cancel_job','id':'" + id + "'}");
        JsonNode cancelled = jobs.await(id);
        assertEquals(true, cancelled.path("cancelled").asBoolean(), cancelled::toString);
        return cancelled;
    }

    private static String retry(String id) {
        JsonNode answer = admin.ok("{'operation':'retry_job','id':'" + id + "'}");
        String newId = answer.get("job_id").asText();
        assertEquals("Starting job with id " + newId, answer.get("message").asText());
        return newId;
    }

    @Test
    void aCancelledLoadRetriedGoesOnAfterItsLastBatchWithNoDuplicatesAndNoGaps() throws IOException {
        String table = table();
        Path source = Files.copy(TestFiles.dogs(files, ROWS), files.resolve("resume.csv"), StandardCopyOption.REPLACE_EXISTING);
        String old = fileLoad(table, source);
        JsonNode cancelled = cancelMidway(old);
        long committed = cancelled.path("progress").path("rows_written").asLong();
        long read = cancelled.path("progress").path("rows_read").asLong();
        assertTrue(committed > 0 && committed < ROWS, cancelled::toString);
        assertEquals(committed, recordCount(table));

        String id = retry(old);
        JsonNode done = jobs.await(id);
        assertEquals("COMPLETE", done.path("status").asText(), done::toString);
        assertEquals(old, done.path("retry_of").asText(), done::toString);
        assertEquals(read, done.path("resumed_after_rows").asLong(), done::toString);
        assertEquals("successfully loaded " + ROWS + " of " + ROWS + " records", done.path("message").asText());
        assertEquals(0, done.path("progress").path("rows_failed").asLong(), "an insert of a row again would fail");
        assertEquals(ROWS, recordCount(table), "every row once");
        assertEquals(ROWS, admin.ok("{'operation':'sql','sql':'SELECT COUNT(DISTINCT id) AS n FROM ref." + table + "'}")
                .get(0).get("n").asLong());
        JsonNode oldNow = jobs.get(old);
        assertEquals("ERROR", oldNow.path("status").asText(), "the old job keeps its row");
        assertFalse(oldNow.has("retry_of"));
    }

    @Test
    void aLoadWhoseFileChangedIsRetriedFromTheStart() throws IOException {
        String table = table();
        Path source = Files.copy(TestFiles.dogs(files, ROWS), files.resolve("changing.csv"), StandardCopyOption.REPLACE_EXISTING);
        String old = fileLoad(table, source);
        long committed = cancelMidway(old).path("progress").path("rows_written").asLong();

        // the file now holds other rows: none of them is loaded yet
        StringBuilder changed = new StringBuilder("id,name\n");
        for (int i = 1; i <= 500; i++) {
            changed.append(ROWS + i).append(",new ").append(i).append('\n');
        }
        Files.writeString(source, changed, StandardCharsets.UTF_8);

        JsonNode done = jobs.await(retry(old));
        assertEquals("COMPLETE", done.path("status").asText(), done::toString);
        assertEquals(old, done.path("retry_of").asText());
        assertFalse(done.has("resumed_after_rows"), done::toString);
        assertEquals("successfully loaded 500 of 500 records", done.path("message").asText());
        assertEquals(committed + 500, recordCount(table));
    }

    @Test
    void aCompleteJobIs400AndNothingStarts() {
        String table = table();
        JsonNode done = jobs.run("{'operation':'csv_data_load','database':'ref','table':'" + table + "','data':'id\\n1\\n'}");
        ApiClient.Response r = admin.post("{'operation':'retry_job','id':'" + done.get("id").asText() + "'}");
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.error().contains("is COMPLETE"), r::toString);
    }

    @Test
    void anotherUsersJobIs404AndAnUnknownOneToo() {
        String table = table();
        String old = jobs.submit("{'operation':'csv_data_load','database':'ref','table':'" + table
                + "','data':'id\\n1\\n'}");
        jobs.await(old);
        ApiClient loader = caravan.as("loader", "pw");
        assertEquals(404, loader.post("{'operation':'retry_job','id':'" + old + "'}").status());
        assertEquals(404, admin.post("{'operation':'retry_job','id':'00000000-0000-0000-0000-000000000000'}").status());
        assertEquals(400, admin.post("{'operation':'retry_job'}").status());
    }

    @Test
    void aFailedCsvDataLoadIsRetriedFromItsKeptData() {
        String table = "typed" + System.nanoTime();
        admin.ok("{'operation':'create_table','database':'ref','table':'" + table + "','primary_key':'id',"
                + "'attributes':[{'name':'id','type':'Int'},{'name':'age','type':'Int'}]}");
        JsonNode failed = jobs.run("{'operation':'csv_data_load','action':'insert','database':'ref','table':'" + table
                + "','data':'id,age\\n1,3\\n2,old\\n3,4\\n','on_error':'abort'}");
        assertEquals("ERROR", failed.path("status").asText(), failed::toString);
        // the bad row is still there: the retry stops at it again, which shows it ran the same data
        JsonNode again = jobs.await(retry(failed.get("id").asText()));
        assertEquals("ERROR", again.path("status").asText(), again::toString);
        assertTrue(again.path("message").asText().startsWith("Load stopped at row 2"), again::toString);
        assertEquals(failed.get("id").asText(), again.path("retry_of").asText());
    }

    @Test
    void anS3ImportNeedsItsKeysAgainThenRuns() {
        String table = table();
        String key = table + ".csv";
        ObjectNode request = s3.importRequest("ref", table, BUCKET, key); // not there yet: the job fails
        JsonNode failed = jobs.run(request.toString());
        assertEquals("ERROR", failed.path("status").asText(), failed::toString);
        s3.put(BUCKET, key, "id,name\n1,Rex\n2,Fido\n".getBytes(StandardCharsets.UTF_8));

        ApiClient.Response withoutKeys = admin.post("{'operation':'retry_job','id':'" + failed.get("id").asText() + "'}");
        assertEquals(400, withoutKeys.status(), withoutKeys::toString);
        assertTrue(withoutKeys.error().contains("s3.aws_access_key_id"), withoutKeys::toString);
        assertTrue(withoutKeys.error().contains("s3.aws_secret_access_key"), withoutKeys::toString);

        ObjectNode retry = ApiClient.object().put("operation", "retry_job").put("id", failed.get("id").asText());
        retry.putObject("s3").put("aws_access_key_id", s3.accessKeyId()).put("aws_secret_access_key", s3.secretAccessKey());
        JsonNode done = jobs.await(admin.ok(retry.toString()).get("job_id").asText());
        assertEquals("COMPLETE", done.path("status").asText(), done::toString);
        assertEquals("successfully loaded 2 of 2 records", done.path("message").asText());
        assertEquals(2, recordCount(table));
        assertFalse(caravan.process().logText().contains(s3.secretAccessKey()), "the keys are not logged");
        assertFalse(caravan.process().storeHolds(s3.secretAccessKey()), "nor stored");
    }
}
