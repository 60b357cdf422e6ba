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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored S3 connections (compatibility C21): a request names {@code "connection": "lake"} instead of its
 * keys, which the server reads from its environment (CARAVAN_S3_CONNECTIONS_LAKE_*). Such a job holds no
 * secret, so it resumes after a crash; the keys never show in answers, the log or the job table.
 */
class S3ConnectionsIT {
    private static final String BUCKET = "lake-bucket";
    private static final String DOGS_CSV = "id,name\n1,Rex\n2,Fido\n";
    private static final S3TestServer s3 = S3TestServer.start();
    /** On PostgreSQL (CARAVAN_IT_STORE=postgresql) the database is this test's own, so it can read the job rows. */
    private static final String STORE_URL = CaravanProcess.onPostgres() ? PostgresServer.shared().newDatabase() : null;
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(settings());

    private static Map<String, String> settings() {
        Map<String, String> env = new HashMap<>(Map.of(
                "CARAVAN_S3_CONNECTIONS", "lake",
                "CARAVAN_S3_CONNECTIONS_LAKE_ACCESS_KEY_ID", s3.accessKeyId(),
                "CARAVAN_S3_CONNECTIONS_LAKE_SECRET_ACCESS_KEY", s3.secretAccessKey(),
                "CARAVAN_S3_CONNECTIONS_LAKE_REGION", S3TestServer.REGION,
                "CARAVAN_S3_CONNECTIONS_LAKE_ENDPOINT", s3.endpoint(),
                "CARAVAN_JOBS_BATCH_SIZE", "1000"));
        if (STORE_URL != null) {
            env.put("CARAVAN_STORE_URL", STORE_URL);
            env.put("CARAVAN_STORE_USER", PostgresServer.USER);
        }
        return env;
    }

    /**
     * Whether the stored jobs hold the text: on Derby any file of the data dir (its data and log files keep
     * row text as plain bytes), on PostgreSQL any column of CARAVAN.JOBS.
     */
    private static boolean jobTableHolds(String text) throws IOException {
        if (STORE_URL == null) {
            return TestFiles.anyFileHolds(caravan.process().dataDir(), text);
        }
        try (Connection c = DriverManager.getConnection(STORE_URL, PostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM CARAVAN.JOBS")) {
            while (rs.next()) {
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    String value = rs.getString(column);
                    if (value != null && value.contains(text)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() {
        s3.createBucket(BUCKET);
        caravan.admin().ok("{'operation':'create_database','database':'ref'}");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static ApiClient admin() {
        return caravan.admin();
    }

    private static Jobs jobs() {
        return new Jobs(admin());
    }

    private static ObjectNode importRequest(String table, String key) {
        ObjectNode request = ApiClient.object().put("operation", "import_from_s3").put("database", "ref").put("table", table);
        request.putObject("s3").put("connection", "lake").put("bucket", BUCKET).put("key", key);
        return request;
    }

    private static ObjectNode exportRequest(String key) {
        ObjectNode request = ApiClient.object().put("operation", "export_to_s3").put("format", "csv");
        request.putObject("s3").put("connection", "lake").put("bucket", BUCKET).put("key", key);
        request.putObject("search_operation").put("operation", "sql").put("sql", "SELECT id, name FROM ref.exported ORDER BY id");
        return request;
    }

    private static String put(String key, byte[] bytes) {
        s3.put(BUCKET, key, bytes);
        return key;
    }

    @Test
    void anImportThroughANamedConnectionLoadsTheObject() {
        String table = admin().newTable("ref");
        JsonNode job = jobs().run(importRequest(table, put("in/dogs.csv", DOGS_CSV.getBytes(StandardCharsets.UTF_8))).toString());
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("successfully loaded 2 of 2 records", job.path("message").asText());
        JsonNode fido = admin().ok("{'operation':'search_by_hash','database':'ref','table':'" + table
                + "','hash_values':[2],'get_attributes':['name']}");
        assertEquals("Fido", fido.get(0).get("name").asText());
    }

    @Test
    void anExportThroughANamedConnectionUploadsTheObject() {
        admin().ok("{'operation':'create_table','database':'ref','table':'exported','primary_key':'id'}");
        admin().ok("{'operation':'insert','database':'ref','table':'exported','records':[{'id':1,'name':'Rex'},{'id':2,'name':'Fido'}]}");
        JsonNode job = jobs().run(exportRequest("out/dogs").toString());
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("\"id\",\"name\"\n1,\"Rex\"\n2,\"Fido\"", new String(s3.get(BUCKET, "out/dogs.csv"), StandardCharsets.UTF_8));
        JsonNode result = job.path("result");
        assertEquals(BUCKET, result.path("Bucket").asText());
        assertEquals(s3.endpoint() + "/" + BUCKET + "/out/dogs.csv", result.path("Location").asText(), "the connection's endpoint");
    }

    @Test
    void aKilledConnectionImportResumesAndEndsWithTheExactCount() throws IOException {
        int rows = 300_000;
        String key = put("big/dogs-" + UUID.randomUUID() + ".csv", Files.readAllBytes(TestFiles.dogs(files, rows)));
        String table = admin().newTable("ref");
        String id = jobs().submit(importRequest(table, key).toString());
        JsonNode midway = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs().get(id), j -> j.path("progress").path("rows_written").asLong() > 0);
        assertEquals("IN_PROGRESS", midway.get("status").asText(), midway::toString);

        caravan.process().kill();
        assertTrue(jobTableHolds(key), "the scan finds the stored request's S3 key");
        assertFalse(jobTableHolds(s3.secretAccessKey()), "the job table holds the secret");
        caravan.process().start();

        JsonNode done = jobs().await(id, Duration.ofSeconds(300));
        assertEquals("COMPLETE", done.get("status").asText(), done::toString);
        assertEquals("successfully loaded " + rows + " of " + rows + " records", done.get("message").asText());
        assertEquals(rows, admin().ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .get("record_count").asLong());
    }

    @Test
    void aKilledConnectionExportRunsAgainAndUploadsEveryRecord() {
        int rows = 300_000;
        admin().ok("{'operation':'create_table','database':'ref','table':'big_export','primary_key':'id'}");
        JsonNode loaded = jobs().run("{'operation':'csv_file_load','database':'ref','table':'big_export','file_path':'"
                + TestFiles.dogs(files, rows) + "'}");
        assertEquals("COMPLETE", loaded.path("status").asText(), loaded::toString);
        ObjectNode request = exportRequest("out/big");
        ((ObjectNode) request.get("search_operation")).put("sql", "SELECT id FROM ref.big_export");
        String id = jobs().submit(request.toString());
        JsonNode midway = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                .until(() -> jobs().get(id), j -> j.path("progress").path("rows_written").asLong() > 0
                        || !"IN_PROGRESS".equals(j.path("status").asText()));
        assertEquals("IN_PROGRESS", midway.get("status").asText(), midway::toString);

        caravan.process().kill();
        caravan.process().start();

        JsonNode done = jobs().await(id, Duration.ofSeconds(300));
        assertEquals("COMPLETE", done.get("status").asText(), done::toString);
        String object = new String(s3.get(BUCKET, "out/big.csv"), StandardCharsets.UTF_8);
        assertEquals(rows + 1, object.split("\n").length, "the header and every record, once");
    }

    @Test
    void anUnknownConnectionIs400AndStartsNoJob() {
        ObjectNode request = importRequest(admin().newTable("ref"), "in/dogs.csv");
        ((ObjectNode) request.get("s3")).put("connection", "elsewhere");
        int before = jobCount();
        ApiClient.Response r = admin().post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals("S3 connection 'elsewhere' is not configured on this server (caravan.s3.connections)", r.error());

        ObjectNode export = exportRequest("out/x");
        ((ObjectNode) export.get("s3")).put("connection", "elsewhere");
        ApiClient.Response e = admin().post(export);
        assertEquals(400, e.status(), e::toString);
        assertEquals(r.error(), e.error());
        assertEquals(before, jobCount());
    }

    @Test
    void keysBesideAConnectionAre400() {
        ObjectNode request = importRequest(admin().newTable("ref"), "in/dogs.csv");
        ((ObjectNode) request.get("s3")).put("aws_access_key_id", "AKOTHER").put("aws_secret_access_key", "other");
        ApiClient.Response r = admin().post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals("S3 connection and access keys cannot both be given: the connection holds its keys", r.error());

        ObjectNode export = exportRequest("out/x");
        ((ObjectNode) export.get("s3")).put("aws_secret_access_key", "other");
        ApiClient.Response e = admin().post(export);
        assertEquals(400, e.status(), e::toString);
        assertEquals(r.error(), e.error());
    }

    @Test
    void anEndpointBesideAConnectionIs400() {
        ObjectNode request = importRequest(admin().newTable("ref"), "in/dogs.csv");
        ((ObjectNode) request.get("s3")).put("endpoint", "http://127.0.0.1:1");
        ApiClient.Response r = admin().post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals("S3 endpoint cannot be given with a connection: the connection names its endpoint", r.error());
    }

    @Test
    void theConnectionsKeysShowNowhere() throws IOException {
        String table = admin().newTable("ref");
        String key = put("in/shown-" + UUID.randomUUID() + ".csv", DOGS_CSV.getBytes(StandardCharsets.UTF_8));
        JsonNode job = jobs().run(importRequest(table, key).toString());
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        JsonNode searched = admin().ok("{'operation':'search_jobs_by_start_date','from_date':'2020-01-01','to_date':'2100-01-01'}");
        assertTrue(searched.toString().contains(job.get("id").asText()), "the job is in the search output");
        // an ended job's row drops its request (the mid-job scan is aKilledConnectionImportResumes...)
        assertTrue(jobTableHolds(job.get("id").asText()), "the scan finds the job's row");
        for (String secret : new String[] {s3.accessKeyId(), s3.secretAccessKey()}) {
            assertFalse(job.toString().contains(secret), job::toString);
            assertFalse(searched.toString().contains(secret), searched::toString);
            assertFalse(caravan.process().logText().contains(secret), "the server log holds a key");
            assertFalse(jobTableHolds(secret), "the job table (Derby's files, or the PostgreSQL rows) holds a key");
            assertFalse(TestFiles.anyFileHolds(caravan.process().dataDir(), secret), "a file in the data dir holds a key");
        }
    }

    private static int jobCount() {
        return admin().ok("{'operation':'search_jobs_by_start_date','from_date':'2020-01-01','to_date':'2100-01-01'}").size();
    }
}
