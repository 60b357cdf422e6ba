package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * csv_url_load (contract §6; compatibility C3, C6, C7, C10) against a loopback HTTP server started here,
 * one context per kind of answer a CSV source can give.
 */
class CsvUrlLoadIT {
    private static final String DOGS = "id,name,age\n1,Rex,7\n2,Bo,3\n3,Kiki,11\n";
    private static final String SECRET = "Bearer s3cr3t-passthrough-token";
    private static final int ROWS_BEFORE_DROP = 12_345;

    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static HttpServer server;
    private static ExecutorService serverThreads;
    /** The request headers each context last received, keyed by context path. */
    private static final Map<String, Headers> RECEIVED = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        admin.ok("{'operation':'create_database','database':'ref'}");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/dogs.csv", exchange -> send(exchange, 200, "text/csv", DOGS));
        server.createContext("/cast.csv", exchange -> send(exchange, 200, "text/csv", "id,age,weight,adopted,tags,owner,code,born,note\n"
                + "1,7,20.5,true,\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"n\"\":\"\"Ann\"\"}\",007,2024-01-01T10:20+02:00,null\n"
                + "2,0.5,-3,FALSE,[],{},1e5,2024-01-01,\n"));
        server.createContext("/charset.csv", exchange -> send(exchange, 200, "text/csv; charset=utf-8", DOGS));
        server.createContext("/dogs.json", exchange -> send(exchange, 200, "application/json", "[{\"id\":1}]"));
        server.createContext("/untyped", exchange -> send(exchange, 200, null, DOGS));
        server.createContext("/missing.csv", exchange -> send(exchange, 404, "text/plain", "no such file"));
        server.createContext("/moved.csv", exchange -> redirect(exchange, "/dogs.csv"));
        server.createContext("/loop-a.csv", exchange -> redirect(exchange, "/loop-b.csv"));
        server.createContext("/loop-b.csv", exchange -> redirect(exchange, "/loop-a.csv"));
        for (String path : new String[] {"/headers.csv", "/secret.csv"}) {
            server.createContext(path, exchange -> {
                RECEIVED.put(path, exchange.getRequestHeaders());
                send(exchange, 200, "text/csv", DOGS);
            });
        }
        server.createContext("/gzip.csv", CsvUrlLoadIT::sendGzip);
        server.createContext("/empty.csv", exchange -> send(exchange, 200, "text/csv", ""));
        server.createContext("/dropped.csv", CsvUrlLoadIT::sendPartOfTheBody);
        server.createContext("/short.csv", CsvUrlLoadIT::sendLessThanAnnounced);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String path) throws IOException {
        exchange.getResponseHeaders().add("Location", url(path));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void sendGzip(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(DOGS.getBytes(StandardCharsets.UTF_8));
        }
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, zipped.size());
        try (OutputStream out = exchange.getResponseBody()) {
            zipped.writeTo(out);
        }
    }

    /** Streams a chunked CSV, then fails the handler: the JDK server drops the connection mid-body. */
    private static void sendPartOfTheBody(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int i = 1; i <= ROWS_BEFORE_DROP; i++) {
            rows.append(i).append(",row ").append(i).append('\n');
        }
        rows.append(ROWS_BEFORE_DROP + 1).append(",cut sho");
        out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        throw new UncheckedIOException(new IOException("connection dropped on purpose"));
    }

    /** Announces the Content-Length of ROWS_BEFORE_DROP rows, sends half of them, and closes the connection. */
    private static void sendLessThanAnnounced(HttpExchange exchange) throws IOException {
        byte[] body = rowsCsv(ROWS_BEFORE_DROP).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        exchange.close(); // the JDK server drops the connection of a body shorter than announced
    }

    private static String rowsCsv(int count) {
        StringBuilder rows = new StringBuilder("id,name\n");
        for (int i = 1; i <= count; i++) {
            rows.append(i).append(",row ").append(i).append('\n');
        }
        return rows.toString();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String table(String name) {
        admin.ok("{'operation':'create_table','database':'ref','table':'" + name + "','primary_key':'id'}");
        return name;
    }

    private static ObjectNode urlLoad(String table, String url) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_url_load");
        request.put("database", "ref");
        request.put("table", table);
        request.put("csv_url", url);
        return request;
    }

    private static JsonNode run(ObjectNode request) {
        ApiClient.Response r = admin.post(request);
        assertEquals(200, r.status(), () -> "submit: " + r);
        return jobs.await(r.body().get("job_id").asText());
    }

    private static void assertCompleted(String expectedMessage, JsonNode job) {
        assertEquals("COMPLETE", job.get("status").asText(), () -> job.toString());
        assertEquals(expectedMessage, job.get("message").asText());
    }

    private static void assertFailed(String expectedMessage, JsonNode job) {
        assertEquals("ERROR", job.get("status").asText(), () -> job.toString());
        assertEquals(expectedMessage, job.get("message").asText());
    }

    private static long recordCount(String table) {
        return admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}").get("record_count").asLong();
    }

    private static JsonNode record(String table, int id) {
        return admin.ok("{'operation':'search_by_hash','database':'ref','table':'" + table + "','hash_values':[" + id
                + "],'get_attributes':['*']}").get(0);
    }

    // --- validation (contract §6: Joi messages, joined with ". ") ---

    private static String error400(String json) {
        ApiClient.Response r = admin.post(json);
        assertEquals(400, r.status(), () -> r.toString());
        return r.error();
    }

    @Test
    void missingUrlIsRequired() {
        assertEquals("'csv_url' is required", error400("{'operation':'csv_url_load','database':'ref','table':'t'}"));
    }

    @Test
    void textThatIsNotAUrlIsRejected() {
        assertEquals("'csv_url' must be a valid url",
                error400("{'operation':'csv_url_load','database':'ref','table':'t','csv_url':'not a url'}"));
    }

    @Test
    void everyProblemIsReportedInOneMessage() {
        assertEquals("'table' is required. 'action' must be one of [insert, update, upsert]. 'csv_url' must be a valid url",
                error400("{'operation':'csv_url_load','database':'ref','action':'x','csv_url':'zz'}"));
    }

    @Test
    void passthroughHeadersMustBeAnObject() {
        assertEquals("'passthrough_headers' must be of type object", error400("{'operation':'csv_url_load','database':'ref',"
                + "'table':'t','csv_url':'" + url("/dogs.csv") + "','passthrough_headers':'X-Test: 1'}"));
    }

    @Test
    void missingTableIsReportedBeforeAnyDownload() {
        assertEquals("Table 'ref.nope' does not exist",
                error400("{'operation':'csv_url_load','database':'ref','table':'nope','csv_url':'" + url("/dogs.csv") + "'}"));
    }

    // --- successful downloads ---

    @Test
    void csvAnswerLoadsEveryRecord() {
        JsonNode job = run(urlLoad(table("plain"), url("/dogs.csv")));
        assertCompleted("successfully loaded 3 of 3 records", job);
        assertEquals(3, recordCount("plain"));
        assertEquals("Kiki", record("plain", 3).get("name").asText());
    }

    @Test
    void valuesAreCastAsFileLoadsCastThem() {
        assertCompleted("successfully loaded 2 of 2 records", run(urlLoad(table("cast"), url("/cast.csv"))));
        JsonNode first = record("cast", 1);
        assertEquals(7, first.get("age").asInt());
        assertTrue(first.get("age").isNumber());
        assertEquals(20.5, first.get("weight").asDouble());
        assertTrue(first.get("adopted").booleanValue());
        assertEquals("[\"a\",\"b\"]", first.get("tags").toString());
        assertEquals("{\"n\":\"Ann\"}", first.get("owner").toString());
        assertEquals("007", first.get("code").textValue());
        assertEquals("2024-01-01T08:20:00.000Z", first.get("born").textValue());
        assertTrue(first.get("note").isNull());
        JsonNode second = record("cast", 2);
        assertEquals(0.5, second.get("age").asDouble());
        assertTrue(second.get("adopted").isBoolean());
        assertFalse(second.get("adopted").booleanValue());
        assertEquals("[]", second.get("tags").toString());
        assertEquals("{}", second.get("owner").toString());
        assertEquals("1e5", second.get("code").textValue());
        assertEquals("2024-01-01", second.get("born").textValue());
        assertEquals("", second.get("note").textValue());
    }

    @Test
    void mediaTypeWithACharsetIsAccepted() {
        assertCompleted("successfully loaded 3 of 3 records", run(urlLoad(table("charset"), url("/charset.csv"))));
    }

    @Test
    void redirectIsFollowed() {
        assertCompleted("successfully loaded 3 of 3 records", run(urlLoad(table("moved"), url("/moved.csv"))));
        assertEquals(3, recordCount("moved"));
    }

    @Test
    void gzipBodyIsDecoded() {
        assertCompleted("successfully loaded 3 of 3 records", run(urlLoad(table("zipped"), url("/gzip.csv"))));
        assertEquals("Rex", record("zipped", 1).get("name").asText());
    }

    @Test
    void emptyBodyLoadsZeroOfZero() {
        assertCompleted("successfully loaded 0 of 0 records", run(urlLoad(table("empty"), url("/empty.csv"))));
    }

    @Test
    void slowBodyIsStreamedToTheEnd() throws IOException {
        try (SlowCsvServer slow = SlowCsvServer.start(20_000)) {
            assertCompleted("successfully loaded 20000 of 20000 records", run(urlLoad(table("slow"), slow.url())));
        }
        assertEquals(20_000, recordCount("slow"));
    }

    // --- passthrough headers (compatibility C3: the secret never shows) ---

    @Test
    void passthroughHeadersReachTheServer() {
        ObjectNode request = urlLoad(table("headers"), url("/headers.csv"));
        request.putObject("passthrough_headers").put("X-Test", "1").put("Authorization", SECRET);
        assertCompleted("successfully loaded 3 of 3 records", run(request));
        Headers received = RECEIVED.get("/headers.csv");
        assertEquals("1", received.getFirst("X-Test"));
        assertEquals(SECRET, received.getFirst("Authorization"));
    }

    @Test
    void passthroughAuthorizationNeverShowsInJobOutput() {
        ObjectNode request = urlLoad(table("secret"), url("/secret.csv"));
        request.putObject("passthrough_headers").put("Authorization", SECRET);
        JsonNode job = run(request);
        assertEquals("COMPLETE", job.get("status").asText());
        assertEquals(SECRET, RECEIVED.get("/secret.csv").getFirst("Authorization"));
        assertFalse(job.toString().contains("s3cr3t"), job::toString);
        JsonNode searched = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2020-01-01','to_date':'2100-01-01'}");
        assertTrue(searched.toString().contains(job.get("id").asText()), "the job is in the search output");
        assertFalse(searched.toString().contains("s3cr3t"), searched::toString);
        assertFalse(caravan.process().logText().contains("s3cr3t"), "the server log holds the secret");
    }

    // --- failed downloads: Harper's message shapes (contract §6) ---

    @Test
    void jsonAnswerIsRejected() {
        assertFailed("CSV Load failed from URL: " + url("/dogs.json") + ", unsupported content type: application/json",
                run(urlLoad(table("json"), url("/dogs.json"))));
    }

    @Test
    void answerWithoutContentTypeIsRejected() {
        assertFailed("CSV Load failed from URL: " + url("/untyped") + ", unsupported content type: undefined",
                run(urlLoad(table("untyped"), url("/untyped"))));
    }

    @Test
    void notFoundCarriesTheStatusAndReason() {
        // the JDK server's reason phrase for 404 is "Not Found"
        assertFailed("CSV Load failed from URL: " + url("/missing.csv") + ", status code: 404, message: Not Found",
                run(urlLoad(table("missing"), url("/missing.csv"))));
        assertEquals(0, recordCount("missing"));
    }

    @Test
    void redirectLoopEndsInError() {
        JsonNode job = run(urlLoad(table("loop"), url("/loop-a.csv")));
        assertEquals("ERROR", job.get("status").asText(), job::toString);
        String message = job.get("message").asText().toLowerCase(Locale.ROOT);
        assertTrue(message.contains("redirect") || message.contains("/loop-"), message);
    }

    @Test
    void droppedConnectionKeepsOnlyCommittedRows() {
        JsonNode job = run(urlLoad(table("dropped"), url("/dropped.csv")));
        assertEquals("ERROR", job.get("status").asText(), job::toString);
        long written = job.get("progress").get("rows_written").asLong();
        assertTrue(written > 0 && written <= ROWS_BEFORE_DROP, () -> "rows_written " + written);
        assertEquals(written, recordCount("dropped"));
        String message = job.get("message").asText();
        assertTrue(message.endsWith("(" + written + " records were committed before the failure)"), message);
    }

    @Test
    void bodyShorterThanItsContentLengthEndsInError() {
        int length = rowsCsv(ROWS_BEFORE_DROP).getBytes(StandardCharsets.UTF_8).length;
        JsonNode job = run(urlLoad(table("short"), url("/short.csv")));
        assertEquals("ERROR", job.get("status").asText(), job::toString);
        long written = job.get("progress").get("rows_written").asLong();
        assertEquals(written, recordCount("short"));
        assertTrue(written < ROWS_BEFORE_DROP / 2, () -> "rows_written " + written);
        String message = job.get("message").asText();
        assertTrue(message.contains(String.valueOf(length)) && message.contains(String.valueOf(length / 2)), message);
    }

    @Test
    void refusedConnectionNamesTheProblem() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JsonNode job = run(urlLoad(table("refused"), "http://127.0.0.1:" + closedPort + "/dogs.csv"));
        assertEquals("ERROR", job.get("status").asText(), job::toString);
        String message = job.get("message").asText();
        assertTrue(message.toLowerCase(Locale.ROOT).contains("refused"), message);
        assertTrue(message.contains(String.valueOf(closedPort)), message);
    }
}
