package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** import_from_s3 (contract §7, §7.1; compatibility C3 and C6) against S3Proxy on loopback. */
class ImportFromS3IT {
    private static final String BUCKET = "caravan-in";
    private static final String DOGS_CSV = "id,name,tags\n1,Rex,\"[1,2]\"\n2,Fido,\n";
    private static final String DOGS_JSON = "[{\"id\":10,\"name\":\"J1\",\"n\":\"5\"},{\"id\":11,\"obj\":{\"a\":1}}]";

    private static S3TestServer s3;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        admin.ok("{'operation':'create_database','database':'ref'}");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static ObjectNode importRequest(String table, String key) {
        return s3.importRequest("ref", table, BUCKET, key);
    }

    private static String put(String key, String text) {
        s3.put(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
        return key;
    }

    private static String putGzip(String key, String text) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.put(BUCKET, key, zipped.toByteArray());
        return key;
    }

    private static JsonNode run(ObjectNode request) {
        return jobs.run(request.toString());
    }

    private static void assertMessage(String status, String message, JsonNode job) {
        assertEquals(status, job.path("status").asText(), job::toString);
        assertEquals(message, job.path("message").asText(), job::toString);
    }

    private static JsonNode record(String table, Object id) {
        JsonNode found = admin.ok("{'operation':'search_by_hash','database':'ref','table':'" + table
                + "','hash_values':[" + id + "],'get_attributes':['*']}");
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }

    private static ApiClient.Response submit(ObjectNode request) {
        return admin.post(request);
    }

    // --- formats ---

    @Test
    void csvObjectLoadsWithJsonCellsParsedAndEmptyCellsKept() {
        String table = admin.newTable("ref");
        assertMessage("COMPLETE", "successfully loaded 2 of 2 records", run(importRequest(table, put("csv/dogs.csv", DOGS_CSV))));
        assertEquals("[1,2]", record(table, 1).get("tags").toString());
        assertEquals("\"\"", record(table, 2).get("tags").toString());
    }

    @Test
    void jsonObjectKeepsJsonTypes() {
        String table = admin.newTable("ref");
        assertMessage("COMPLETE", "successfully loaded 2 of 2 records", run(importRequest(table, put("json/dogs.json", DOGS_JSON))));
        assertEquals("\"5\"", record(table, 10).get("n").toString());
        assertEquals("{\"a\":1}", record(table, 11).get("obj").toString());
    }

    @Test
    void jsonStringsThatLookLikeJsonAreParsedDeeply() {
        String table = admin.newTable("ref");
        String json = "[{\"id\":1,\"tags\":\"[1,\\\"x\\\"]\",\"deep\":{\"inner\":\"{\\\"b\\\":2}\"},\"plain\":\"[abc]\"}]";
        assertMessage("COMPLETE", "successfully loaded 1 of 1 records", run(importRequest(table, put("json/deep.json", json))));
        JsonNode record = record(table, 1);
        assertEquals("[1,\"x\"]", record.get("tags").toString());
        assertEquals("{\"inner\":{\"b\":2}}", record.get("deep").toString());
        assertEquals("\"[abc]\"", record.get("plain").toString());
    }

    @Test
    void ndjsonObjectLoadsOneRecordPerLineSkippingBlankLines() {
        String table = admin.newTable("ref");
        String lines = "{\"id\":1,\"name\":\"a\"}\n\n{\"id\":2,\"name\":\"b\"}\n";
        assertMessage("COMPLETE", "successfully loaded 2 of 2 records", run(importRequest(table, put("lines/dogs.ndjson", lines))));
        assertEquals("b", record(table, 2).get("name").asText());
    }

    @Test
    void jsonlKeyIsReadAsJsonLines() {
        String table = admin.newTable("ref");
        assertMessage("COMPLETE", "successfully loaded 1 of 1 records",
                run(importRequest(table, put("lines/dogs.jsonl", "{\"id\":3}\n"))));
    }

    @Test
    void gzipCsvIsUncompressed() {
        String table = admin.newTable("ref");
        assertMessage("COMPLETE", "successfully loaded 2 of 2 records", run(importRequest(table, putGzip("gz/dogs.csv.gz", DOGS_CSV))));
        assertEquals("Rex", record(table, 1).get("name").asText());
    }

    @Test
    void gzipJsonIsUncompressed() {
        String table = admin.newTable("ref");
        assertMessage("COMPLETE", "successfully loaded 2 of 2 records", run(importRequest(table, putGzip("gz/dogs.json.gz", DOGS_JSON))));
        assertEquals("J1", record(table, 10).get("name").asText());
    }

    @Test
    void emptyJsonArrayLoadsNothing() {
        String table = admin.newTable("ref");
        assertMessage("COMPLETE", "successfully loaded 0 of 0 records", run(importRequest(table, put("json/empty.json", "[ ]"))));
    }

    @Test
    void jsonTopLevelObjectIsRejectedWithHarpersMessage() {
        String table = admin.newTable("ref");
        assertMessage("ERROR", "Top-level object should be an array.",
                run(importRequest(table, put("json/object.json", "{\"id\":1}"))));
    }

    @Test
    void badJsonNamesWhereItBroke() {
        String table = admin.newTable("ref");
        JsonNode job = run(importRequest(table, put("json/bad.json", "[{\"id\":1},\n{\"id\":2,}]")));
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertTrue(job.path("message").asText().startsWith("Invalid JSON at line 2, column "), job::toString);
    }

    // --- write semantics ---

    @Test
    void upsertMergesExistingRecordsAndCreatesNewOnes() {
        String table = admin.newTable("ref");
        admin.ok("{'operation':'insert','database':'ref','table':'" + table + "','records':[{'id':1,'name':'old','age':3}]}");
        ObjectNode request = importRequest(table, put("json/upsert.json", "[{\"id\":1,\"name\":\"new\"},{\"id\":2,\"name\":\"b\"}]"));
        request.put("action", "upsert");
        assertMessage("COMPLETE", "successfully loaded 2 of 2 records", run(request));
        JsonNode merged = record(table, 1);
        assertEquals("new", merged.get("name").asText());
        assertEquals(3, merged.get("age").asInt());
        assertEquals("b", record(table, 2).get("name").asText());
    }

    @Test
    void updateSkipsRecordsThatDoNotExist() {
        String table = admin.newTable("ref");
        admin.ok("{'operation':'insert','database':'ref','table':'" + table + "','records':[{'id':1,'name':'old'}]}");
        ObjectNode request = importRequest(table, put("csv/update.csv", "id,name\n1,new\n2,absent\n"));
        request.put("action", "update");
        assertMessage("COMPLETE", "successfully loaded 1 of 2 records", run(request));
        assertEquals("new", record(table, 1).get("name").asText());
    }

    // --- S3 failures ---

    @Test
    void missingKeyFailsWithS3sMessage() {
        String table = admin.newTable("ref");
        assertMessage("ERROR", "The specified key does not exist.", run(importRequest(table, "nowhere/none.csv")));
    }

    @Test
    void wrongSecretFailsAndNoKeyShowsAnywhere() throws IOException {
        String table = admin.newTable("ref");
        String wrongSecret = "wrong-" + UUID.randomUUID();
        ObjectNode request = importRequest(table, put("csv/secret.csv", DOGS_CSV));
        ((ObjectNode) request.get("s3")).put("aws_secret_access_key", wrongSecret);
        JsonNode job = run(request);
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertEquals("Forbidden", job.path("message").asText(), "S3Proxy's text for SignatureDoesNotMatch");
        JsonNode searched = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2020-01-01','to_date':'2100-01-01'}");
        assertTrue(searched.toString().contains(job.get("id").asText()), "the job is in the search output");
        for (String secret : new String[] {s3.accessKeyId(), wrongSecret}) {
            assertFalse(job.toString().contains(secret), job::toString);
            assertFalse(searched.toString().contains(secret), searched::toString);
            assertFalse(caravan.process().logText().contains(secret), "the server log holds a key");
            assertFalse(caravan.process().storeHolds(secret), "the store (Derby's data or log, or the PostgreSQL database) holds a key");
        }
    }

    // --- validation (contract §7, §16 cases 47, 48) ---

    private static void assertRejected(String error, ObjectNode request) {
        ApiClient.Response r = submit(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals(error, r.error());
    }

    @Test
    void keyWithAnotherExtensionIsRejected() {
        assertRejected("S3 key must include one of the following valid file extensions - '.csv', '.json'",
                importRequest(admin.newTable("ref"), "dogs.xlsx"));
    }

    @Test
    void extensionIsCaseSensitive() {
        assertRejected("S3 key must include one of the following valid file extensions - '.csv', '.json'",
                importRequest(admin.newTable("ref"), "dogs.CSV"));
    }

    @Test
    void emptyS3ObjectListsEveryMissingField() {
        ObjectNode request = importRequest(admin.newTable("ref"), "dogs.csv");
        request.putObject("s3");
        assertRejected("S3 aws access key id can't be blank,S3 aws secret access key can't be blank,S3 bucket can't be blank,"
                + "S3 key can't be blank,S3 region can't be blank", request);
    }

    @Test
    void missingS3ListsS3First() {
        ObjectNode request = importRequest(admin.newTable("ref"), "dogs.csv");
        request.remove("s3");
        assertRejected("S3 can't be blank,S3 aws access key id can't be blank,S3 aws secret access key can't be blank,"
                + "S3 bucket can't be blank,S3 key can't be blank,S3 region can't be blank", request);
    }

    @Test
    void numericKeyMustBeAString() {
        ObjectNode request = importRequest(admin.newTable("ref"), "dogs.csv");
        ((ObjectNode) request.get("s3")).put("key", 5);
        assertRejected("S3 key  must be a 'String' value", request);
    }

    @Test
    void emptyKeyIsBlank() {
        assertRejected("S3 key can't be blank", importRequest(admin.newTable("ref"), ""));
    }

    @Test
    void missingTableAndBadActionAreListedTogether() {
        ObjectNode request = importRequest("x", "dogs.csv");
        request.remove("table");
        request.put("action", "x");
        assertRejected("Table can't be blank,Action is required and must be either insert, update, or upsert", request);
    }

    @Test
    void tableThatDoesNotExistIsRejected() {
        assertRejected("Table 'ref.nope' does not exist", importRequest("nope", "dogs.csv"));
    }

    @Test
    void endpointMustBeAnHttpUrl() {
        ObjectNode request = importRequest(admin.newTable("ref"), "dogs.csv");
        ((ObjectNode) request.get("s3")).put("endpoint", "ftp://example");
        assertRejected("S3 endpoint must be an http or https URL", request);
    }

    // --- crash safety: the keys died with the process (compatibility C2, C3) ---

    @Test
    void killedImportEndsInterruptedAndItsStoredRequestHeldNoKey(@TempDir Path files) throws IOException {
        String key = "big/dogs.csv";
        s3.put(BUCKET, key, Files.readAllBytes(TestFiles.dogs(files, 300_000)));
        try (CaravanProcess crashing = CaravanProcess.startFresh(Map.of("CARAVAN_JOB_BATCH_SIZE", "1000"))) {
            ApiClient client = crashing.admin();
            Jobs crashingJobs = new Jobs(client);
            client.ok("{'operation':'create_database','database':'ref'}");
            String id = crashingJobs.submit(importRequest(client.newTable("ref"), key).toString());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> crashingJobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);

            crashing.kill(); // the job row still holds its stored request
            assertTrue(crashing.storeHolds(key), "the scan finds the stored request's S3 key (in Derby's files or the PostgreSQL dump)");
            assertFalse(crashing.storeHolds(s3.secretAccessKey()), "the store holds the secret");
            assertFalse(crashing.storeHolds(s3.accessKeyId()), "the store holds the key id");
            crashing.start();

            JsonNode job = crashingJobs.await(id);
            assertEquals("ERROR", job.path("status").asText(), job::toString);
            assertTrue(job.path("interrupted").asBoolean(), job::toString);
        }
    }

    // --- the server's default endpoint ---

    @Test
    void serverEndpointSettingIsUsedWhenTheRequestHasNone() {
        try (CaravanProcess withEndpoint = CaravanProcess.startFresh(Map.of("CARAVAN_S3_ENDPOINT", s3.endpoint()))) {
            ApiClient client = withEndpoint.admin();
            client.ok("{'operation':'create_database','database':'ref'}");
            String table = client.newTable("ref");
            ObjectNode request = importRequest(table, put("csv/setting.csv", DOGS_CSV));
            ((ObjectNode) request.get("s3")).remove("endpoint");
            JsonNode job = new Jobs(client).run(request.toString());
            assertMessage("COMPLETE", "successfully loaded 2 of 2 records", job);
        }
    }
}
