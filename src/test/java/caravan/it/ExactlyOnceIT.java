package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once submits (docs/decisions/0007-exactly-once.md): an idempotency_key names one job per user,
 * and skip_loaded completes a load at once when a completed load put the same source into the same
 * table, for a file, a URL (loopback HTTP server with an ETag), an S3 object (S3Proxy) and uploaded data.
 */
class ExactlyOnceIT {
    private static final String BUCKET = "exactly-once";
    private static final Pattern SKIPPED = Pattern.compile("skipped: this source was already loaded into ref\\.(\\w+)"
            + " by job ([0-9a-f-]{36}) on (\\S+)");

    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static HttpServer http;
    private static ExecutorService httpThreads;
    private static S3TestServer s3;
    /** What /versioned.csv answers: its body and its ETag. */
    private static final AtomicReference<String[]> VERSIONED = new AtomicReference<>();

    @BeforeAll
    static void start() throws IOException {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'add_role','role':'eo_super','permission':{'super_user':true}}");
        admin.ok("{'operation':'add_user','role':'eo_super','username':'eo_other','password':'pw','active':true}");
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/versioned.csv", exchange -> {
            String[] version = VERSIONED.get();
            exchange.getResponseHeaders().add("ETag", version[1]);
            send(exchange, version[0]);
        });
        http.createContext("/unversioned.csv", exchange -> send(exchange, "id,name\n1,Rex\n"));
        httpThreads = Executors.newCachedThreadPool();
        http.setExecutor(httpThreads);
        http.start();
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        httpThreads.shutdownNow();
        s3.close();
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private static ObjectNode dataLoad(String table, String csv) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_data_load").put("database", "ref").put("table", table).put("data", csv);
        return request;
    }

    private static ObjectNode fileLoad(String table, Path file) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_file_load").put("database", "ref").put("table", table)
                .put("file_path", file.toString());
        return request;
    }

    private static ObjectNode urlLoad(String table, String url) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_url_load").put("database", "ref").put("table", table).put("csv_url", url);
        return request;
    }

    private static ObjectNode s3Import(String table, String key) {
        return s3.importRequest("ref", table, BUCKET, key);
    }

    private static ObjectNode skipLoaded(ObjectNode request) {
        return request.put("skip_loaded", true);
    }

    private static ObjectNode keyed(ObjectNode request, String key) {
        return request.put("idempotency_key", key);
    }

    private static JsonNode run(ObjectNode request) {
        return jobs.run(request.toString());
    }

    private static long count(String table) {
        return admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .get("record_count").asLong();
    }

    private static int jobCount() {
        return admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}").size();
    }

    private static long jobsWithId(String id) {
        JsonNode all = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}");
        return java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(job -> id.equals(job.path("id").asText())).count();
    }

    private static void assertLoaded(String message, JsonNode job) {
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals(message, job.path("message").asText(), job::toString);
    }

    /** The job completed at once, naming the job that loaded its source into the table and when it ended. */
    private static void assertSkippedFor(JsonNode earlier, String table, JsonNode job) {
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        String message = job.path("message").asText();
        java.util.regex.Matcher m = SKIPPED.matcher(message);
        assertTrue(m.matches(), message);
        assertEquals(table, m.group(1));
        assertEquals(earlier.path("id").asText(), m.group(2), message);
        assertEquals(Instant.ofEpochMilli(earlier.path("end_datetime").asLong()), Instant.parse(m.group(3)), message);
        assertEquals(0, job.path("progress").path("rows_written").asLong(), job::toString);
    }

    // --- idempotency_key ---

    @Test
    void theSameKeyTwiceAnswersTheSameJobAndCreatesOne() {
        String table = admin.newTable("ref");
        ObjectNode request = keyed(dataLoad(table, "id,name\n1,Rex\n2,Bo\n"), "load-" + UUID.randomUUID());
        int before = jobCount();

        String first = jobs.submit(request.toString());
        String second = jobs.submit(request.toString());
        jobs.await(first);
        String afterItEnded = jobs.submit(request.toString());

        assertEquals(first, second);
        assertEquals(first, afterItEnded);
        assertEquals(before + 1, jobCount());
        assertEquals(1, jobsWithId(first));
        assertEquals(2, count(table));
    }

    @Test
    void theSameKeyFromAnotherUserIsAnotherKey() {
        String table = admin.newTable("ref");
        ObjectNode request = keyed(upsert(dataLoad(table, "id,name\n1,Rex\n")), "shared-" + UUID.randomUUID());
        int before = jobCount();

        String mine = jobs.submit(request.toString());
        String theirs = new Jobs(caravan.as("eo_other", "pw")).submit(request.toString());

        assertTrue(!mine.equals(theirs), "two users' keys named one job " + mine);
        assertEquals(before + 2, jobCount());
        assertEquals("eo_other", jobs.await(theirs).path("user").asText());
        jobs.await(mine);
    }

    private static ObjectNode upsert(ObjectNode request) {
        return request.put("action", "upsert");
    }

    @Test
    void tenConcurrentSubmitsOfOneKeyMakeOneJob() throws Exception {
        String table = admin.newTable("ref");
        String request = keyed(dataLoad(table, "id,name\n1,Rex\n2,Bo\n3,Kiki\n"), "race-" + UUID.randomUUID()).toString();
        int before = jobCount();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<CompletableFuture<ApiClient.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return admin.post(request);
                }, clients));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            for (CompletableFuture<ApiClient.Response> answer : answers) {
                ApiClient.Response r = answer.get(120, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r::toString);
                String id = r.body().path("job_id").asText();
                assertEquals("Starting job with id " + id, r.message());
                ids.add(id);
            }
            assertEquals(1, ids.size(), ids::toString);
            assertLoaded("successfully loaded 3 of 3 records", jobs.await(ids.iterator().next()));
        } finally {
            clients.shutdownNow();
        }
        assertEquals(before + 1, jobCount());
        assertEquals(3, count(table));
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndCreatesNothing() {
        String table = admin.newTable("ref");
        String key = "changed-" + UUID.randomUUID();
        String first = jobs.submit(keyed(dataLoad(table, "id\n1\n"), key).toString());
        jobs.await(first);
        int before = jobCount();

        ApiClient.Response r = admin.post(keyed(dataLoad(table, "id\n2\n"), key));

        assertEquals(422, r.status(), r::toString);
        assertEquals("idempotency_key '" + key + "' was already used for another request (job " + first
                + "); send a new key for a different request", r.error());
        assertEquals(before, jobCount());
        assertEquals(1, count(table));
    }

    @Test
    void rotatedS3KeysAreTheSameRequest() {
        String table = admin.newTable("ref");
        String key = "rotated-" + UUID.randomUUID();
        s3.put(BUCKET, "rotated.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8));
        ObjectNode request = keyed(s3Import(table, "rotated.csv"), key);
        String first = jobs.submit(request.toString());
        ((ObjectNode) request.get("s3")).put("aws_secret_access_key", "another-secret");

        assertEquals(first, jobs.submit(request.toString()));
        assertLoaded("successfully loaded 1 of 1 records", jobs.await(first));
    }

    @Test
    void everyBulkOperationTakesAKey() {
        String table = admin.newTable("ref");
        for (String operation : new String[] {
            "{'operation':'delete_records_before','database':'ref','table':'" + table + "','date':'2000-01-01'}",
            "{'operation':'export_local','format':'json','path':'" + files + "','search_operation':{'operation':'sql',"
                    + "'sql':'SELECT * FROM ref." + table + "'}}"}) {
            ObjectNode request = (ObjectNode) parse(operation);
            keyed(request, "op-" + UUID.randomUUID());
            String first = jobs.submit(request.toString());
            assertEquals(first, jobs.submit(request.toString()), operation);
            assertEquals("COMPLETE", jobs.await(first).path("status").asText(), operation);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return ApiClient.JSON.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- skip_loaded ---

    @Test
    void aFileLoadedBeforeIsSkippedUntilItChanges() throws IOException {
        String table = admin.newTable("ref");
        Path file = TestFiles.write(files, table + ".csv", "id,name\n1,Rex\n2,Bo\n");
        JsonNode loaded = run(fileLoad(table, file));
        assertLoaded("successfully loaded 2 of 2 records", loaded);

        assertSkippedFor(loaded, table, run(skipLoaded(fileLoad(table, file))));
        assertEquals(2, count(table));

        Files.writeString(file, "id,name\n3,Kiki\n4,Max\n5,Ned\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5))); // a new mtime whatever the clock's step
        JsonNode changed = run(skipLoaded(fileLoad(table, file)));
        assertLoaded("successfully loaded 3 of 3 records", changed);
        assertEquals(5, count(table));
        assertSkippedFor(changed, table, run(skipLoaded(fileLoad(table, file))));
    }

    @Test
    void aSourceLoadedIntoAnotherTableIsLoaded() {
        String table = admin.newTable("ref");
        String other = admin.newTable("ref");
        Path file = TestFiles.write(files, table + "-both.csv", "id\n1\n2\n");
        assertLoaded("successfully loaded 2 of 2 records", run(fileLoad(table, file)));

        assertLoaded("successfully loaded 2 of 2 records", run(skipLoaded(fileLoad(other, file))));
        assertEquals(2, count(other));
    }

    @Test
    void forceLoadsAgain() {
        String table = admin.newTable("ref");
        ObjectNode request = upsert(dataLoad(table, "id,name\n1,Rex\n2,Bo\n"));
        run(request);

        JsonNode forced = run(skipLoaded(request.deepCopy()).put("force", true));

        assertLoaded("successfully loaded 2 of 2 records", forced);
    }

    @Test
    void uploadedDataLoadedBeforeIsSkippedAndOtherDataLoads() {
        String table = admin.newTable("ref");
        JsonNode loaded = run(dataLoad(table, "id,name\n1,Rex\n2,Bo\n"));

        assertSkippedFor(loaded, table, run(skipLoaded(dataLoad(table, "id,name\n1,Rex\n2,Bo\n"))));
        assertLoaded("successfully loaded 1 of 1 records", run(skipLoaded(dataLoad(table, "id,name\n3,Kiki\n"))));
        assertEquals(3, count(table));
    }

    @Test
    void aUrlWithTheSameEtagIsSkippedAndANewEtagLoads() {
        String table = admin.newTable("ref");
        VERSIONED.set(new String[] {"id,name\n1,Rex\n2,Bo\n", "\"v1\""});
        JsonNode loaded = run(urlLoad(table, url("/versioned.csv")));
        assertLoaded("successfully loaded 2 of 2 records", loaded);

        assertSkippedFor(loaded, table, run(skipLoaded(urlLoad(table, url("/versioned.csv")))));
        assertEquals(2, count(table));

        VERSIONED.set(new String[] {"id,name\n3,Kiki\n", "\"v2\""});
        assertLoaded("successfully loaded 1 of 1 records", run(skipLoaded(urlLoad(table, url("/versioned.csv")))));
        assertEquals(3, count(table));
    }

    @Test
    void aUrlWithoutEtagOrLastModifiedIsLoadedAgain() {
        String table = admin.newTable("ref");
        run(upsert(urlLoad(table, url("/unversioned.csv"))));

        assertLoaded("successfully loaded 1 of 1 records", run(skipLoaded(upsert(urlLoad(table, url("/unversioned.csv"))))));
    }

    @Test
    void anS3ObjectWithTheSameEtagIsSkippedAndAChangedOneLoads() {
        String table = admin.newTable("ref");
        s3.put(BUCKET, "dogs.csv", "id,name\n1,Rex\n2,Bo\n".getBytes(StandardCharsets.UTF_8));
        JsonNode loaded = run(s3Import(table, "dogs.csv"));
        assertLoaded("successfully loaded 2 of 2 records", loaded);

        assertSkippedFor(loaded, table, run(skipLoaded(s3Import(table, "dogs.csv"))));
        assertEquals(2, count(table));

        s3.put(BUCKET, "dogs.csv", "id,name\n3,Kiki\n".getBytes(StandardCharsets.UTF_8));
        assertLoaded("successfully loaded 1 of 1 records", run(skipLoaded(s3Import(table, "dogs.csv"))));
        assertEquals(3, count(table));
    }

    @Test
    void aFailedLoadIsNotInTheHistory() {
        String table = admin.newTable("ref");
        ObjectNode bad = dataLoad(table, "name\nRex\n").put("action", "update"); // Harper fails an update without keys
        JsonNode failed = run(bad);
        assertEquals("ERROR", failed.path("status").asText(), failed::toString);

        JsonNode again = run(skipLoaded(bad));
        assertEquals("ERROR", again.path("status").asText(), "a failed load was taken as loaded: " + again);
    }

    // --- bad values: 400, nothing created ---

    @Test
    void badFieldValuesAre400AndCreateNothing() {
        String table = admin.newTable("ref");
        int before = jobCount();
        String longKey = "k".repeat(257);
        String[][] cases = {
            {"'skip_loaded':'yes'", "'skip_loaded' must be a boolean"},
            {"'force':1", "'force' must be a boolean"},
            {"'idempotency_key':''", "'idempotency_key' must be a non-empty string of at most 256 characters"},
            {"'idempotency_key':42", "'idempotency_key' must be a non-empty string of at most 256 characters"},
            {"'idempotency_key':'" + longKey + "'", "'idempotency_key' must be a non-empty string of at most 256 characters"},
        };
        for (String[] c : cases) {
            ApiClient.Response r = admin.post("{'operation':'csv_data_load','database':'ref','table':'" + table
                    + "','data':'id\\n1\\n'," + c[0] + "}");
            assertEquals(400, r.status(), () -> c[0] + " -> " + r);
            assertEquals(c[1], r.error(), c[0]);
        }
        assertEquals(before, jobCount());
        assertEquals(0, count(table));
        String id = jobs.submit("{'operation':'csv_data_load','database':'ref','table':'" + table
                + "','data':'id\\n1\\n','idempotency_key':'" + "k".repeat(256) + "'}");
        assertLoaded("successfully loaded 1 of 1 records", jobs.await(id));
    }
}
