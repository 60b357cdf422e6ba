package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * export_to_s3 (contract §9, §7.1, §16 case 60) against S3Proxy on loopback: the object's bytes,
 * the result, multipart uploads and their abort, request errors, and keys that never persist.
 */
class ExportToS3IT {
    private static final String BUCKET = "exports";
    private static final int PART_SIZE = 5 * 1024 * 1024;
    @TempDir
    static Path files;
    private static S3TestServer s3;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_S3_PART_SIZE", String.valueOf(PART_SIZE)));
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'create_table','database':'ref','table':'dogs','primary_key':'id'}");
        admin.ok("{'operation':'insert','database':'ref','table':'dogs','records':[{'id':1,'name':'Rex','tags':[1,2]},"
                + "{'id':2,'name':'Fido','age':3}]}");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @AfterEach
    void storeWorksAgain() {
        s3.failPartsFrom(0);
    }

    private static ObjectNode export(String format, String key, String sql) {
        ObjectNode request = ApiClient.object().put("operation", "export_to_s3").put("format", format);
        request.putObject("s3").put("aws_access_key_id", s3.accessKeyId()).put("aws_secret_access_key", s3.secretAccessKey())
                .put("bucket", BUCKET).put("key", key).put("region", S3TestServer.REGION).put("endpoint", s3.endpoint());
        request.putObject("search_operation").put("operation", "sql").put("sql", sql);
        return request;
    }

    private static JsonNode run(ObjectNode request) {
        return jobs.run(request.toString());
    }

    private static String object(String key) {
        return new String(s3.get(BUCKET, key), StandardCharsets.UTF_8);
    }

    @Test
    void csvGoesUpAsOneObjectWithTheFormatsExtension() {
        JsonNode job = run(export("csv", "out/dogs", "SELECT id, name, tags, age FROM ref.dogs ORDER BY id"));
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("Successfully completed job: " + job.path("id").asText(), job.path("message").asText());
        assertEquals("\"id\",\"name\",\"tags\",\"age\"\n1,\"Rex\",\"[1,2]\",\n2,\"Fido\",,3", object("out/dogs.csv"));
        JsonNode result = job.path("result");
        assertTrue(result.path("ETag").asText().matches("\"[0-9a-f]{32}\""), result::toString);
        assertEquals(BUCKET, result.path("Bucket").asText());
        assertEquals("out/dogs.csv", result.path("Key").asText());
        assertEquals(s3.endpoint() + "/" + BUCKET + "/out/dogs.csv", result.path("Location").asText());
    }

    @Test
    void jsonKeyAlreadyEndingInJsonIsKept() {
        JsonNode job = run(export("json", "dogs.json", "SELECT id, name FROM ref.dogs ORDER BY id"));
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("[{\"id\":1,\"name\":\"Rex\"},{\"id\":2,\"name\":\"Fido\"}]", object("dogs.json"));
        assertFalse(s3.keys(BUCKET).contains("dogs.json.json"));
    }

    @Test
    void largeExportsGoUpInPartsAsOneObject() throws IOException {
        loadBigTable();
        JsonNode job = run(export("json", "big/all", "SELECT * FROM ref.big"));
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        byte[] uploaded = s3.get(BUCKET, "big/all.json");
        assertTrue(uploaded.length > 2 * PART_SIZE, "the export spans several parts: " + uploaded.length);
        assertTrue(job.path("result").path("ETag").asText().matches("\"[0-9a-f]{32}-[3-9]\""), job::toString);
        assertEquals(60_000, ApiClient.JSON.readTree(uploaded).size());
        assertEquals(List.of(), s3.uploadsInProgress(BUCKET));
    }

    @Test
    void anUploadFailingMidwayLeavesNoPartsAndNoSpoolFile() throws IOException {
        loadBigTable();
        s3.failPartsFrom(2);
        JsonNode job = run(export("json", "broken/all", "SELECT * FROM ref.big"));
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertEquals(List.of(), s3.uploadsInProgress(BUCKET), "the multipart upload was aborted");
        assertFalse(s3.keys(BUCKET).contains("broken/all.json"));
        try (Stream<Path> spool = Files.list(caravan.process().dataDir().resolve("spool"))) {
            assertEquals(List.of(), spool.filter(p -> p.getFileName().toString().startsWith("export-")).toList());
        }
    }

    private static synchronized void loadBigTable() {
        if (admin.post("{'operation':'describe_table','database':'ref','table':'big'}").status() == 200) {
            return;
        }
        admin.ok("{'operation':'create_table','database':'ref','table':'big','primary_key':'id'}");
        JsonNode load = jobs.run("{'operation':'csv_file_load','database':'ref','table':'big','file_path':'"
                + TestFiles.dogs(files, 60_000) + "'}");
        assertEquals("successfully loaded 60000 of 60000 records", load.path("message").asText(), load::toString);
    }

    @Test
    void requestErrorsAreAnsweredBeforeAnyJobInHarpersOrder() {
        ObjectNode noS3 = export("csv", "x", "SELECT * FROM ref.dogs");
        noS3.remove("s3");
        assertError("S3 object is missing.", noS3);
        ObjectNode noRegion = export("csv", "x", "SELECT * FROM ref.dogs");
        ((ObjectNode) noRegion.get("s3")).remove("region");
        assertError("region is missing.", noRegion);
        ObjectNode noKeyId = export("csv", "x", "SELECT * FROM ref.dogs");
        ((ObjectNode) noKeyId.get("s3")).remove("aws_access_key_id");
        ((ObjectNode) noKeyId.get("s3")).remove("bucket");
        assertError("aws_access_key_id is missing.", noKeyId);
        assertError("format invalid. must be one of the following values: json, csv",
                export("xml", "x", "SELECT * FROM ref.dogs"));
        assertError("Table 'ref.nope' does not exist", export("csv", "x", "SELECT * FROM ref.nope"));
    }

    private static void assertError(String error, ObjectNode request) {
        ApiClient.Response r = admin.post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals(error, r.error());
    }

    @Test
    void aMissingBucketIsS3sMessage() {
        ObjectNode request = export("csv", "x", "SELECT * FROM ref.dogs");
        ((ObjectNode) request.get("s3")).put("bucket", "no-such-bucket");
        JsonNode job = run(request);
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertEquals("The specified bucket does not exist", job.path("message").asText());
    }

    @Test
    void wrongKeysFailAndNoKeyIsKeptAnywhere() throws IOException {
        String wrongSecret = "wrong-secret-" + System.nanoTime();
        ObjectNode request = export("csv", "denied", "SELECT * FROM ref.dogs");
        ((ObjectNode) request.get("s3")).put("aws_secret_access_key", wrongSecret);
        JsonNode job = run(request);
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        JsonNode searched = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2999-01-01'}");
        for (String secret : List.of(s3.accessKeyId(), s3.secretAccessKey(), wrongSecret)) {
            assertFalse(job.toString().contains(secret), job::toString);
            assertFalse(searched.toString().contains(secret), "search_jobs_by_start_date shows a key");
            assertFalse(caravan.process().logText().contains(secret), "the server log holds a key");
            assertFalse(caravan.process().storeHolds(secret), "the store holds a key");
        }
    }

    @Test
    void aCsvExportImportsBackWithTheSameValuesAndTypes() {
        admin.ok("{'operation':'create_table','database':'ref','table':'trip','primary_key':'id'}");
        admin.ok("{'operation':'insert','database':'ref','table':'trip','records':[{'id':7,'word':'abc','zero_led':'007',"
                + "'int':42,'frac':-1.25,'flag':false,'obj':{'a':1,'list':['two',3]},'arr':[1,'x',true]}]}");
        JsonNode exported = run(export("csv", "trip", "SELECT * FROM ref.trip"));
        assertEquals("COMPLETE", exported.path("status").asText(), exported::toString);
        admin.ok("{'operation':'create_table','database':'ref','table':'trip_back','primary_key':'id'}");
        ObjectNode load = ApiClient.object().put("operation", "import_from_s3").put("database", "ref").put("table", "trip_back");
        load.set("s3", export("csv", "trip.csv", "").get("s3"));
        JsonNode imported = jobs.run(load.toString());
        assertEquals("successfully loaded 1 of 1 records", imported.path("message").asText(), imported::toString);
        String get = "'hash_values':[7],'get_attributes':['id','word','zero_led','int','frac','flag','obj','arr']}";
        assertEquals(admin.ok("{'operation':'search_by_hash','database':'ref','table':'trip'," + get),
                admin.ok("{'operation':'search_by_hash','database':'ref','table':'trip_back'," + get));
    }
}
