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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row outcomes (issue 10 points 1-3): every row of a load, from every source, ends inserted, updated,
 * skipped or failed with its reason; get_job counts them, get_job_errors pages the recorded rows; the
 * error policy (on_error, max_bad_records, max_bad_ratio) decides where a load with failed rows stops;
 * without it, Harper's behaviour and messages stay.
 */
class RowOutcomesIT {
    private static final String BUCKET = "outcomes";
    /** A value longer than the store holds (ValueCodec.MAX_TEXT, 32672 characters). */
    private static final String TOO_LONG = "x".repeat(40_000);
    private static final String KEY_EXISTS = "a record with this primary key is already in the table (insert skips it)";
    private static final String KEY_NOT_FOUND = "no record with this primary key is in the table (update skips it)";
    private static final String DUPLICATE = "an earlier row of this load has the same primary key (insert keeps the first)";
    private static final String OBJECT_KEY = "primary key 'id' must be a string or a number, not an object";
    private static final String NAME_TOO_LONG = "value of attribute 'name' is longer than 32672 characters";
    private static final String NO_KEY = "an update needs the primary key 'id', and this row has no value for it";

    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static S3TestServer s3;
    private static HttpServer web;
    private static ExecutorService webThreads;
    /** What the loopback web server answers, by path. */
    private static final Map<String, String> SERVED = new ConcurrentHashMap<>();

    /** The load operations, each with its own way of getting the source's text to the server. */
    enum Source { DATA, FILE, URL, S3 }

    @BeforeAll
    static void start() throws IOException {
        admin.ok("{'operation':'create_database','database':'ref'}");
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", RowOutcomesIT::serve);
        webThreads = Executors.newCachedThreadPool();
        web.setExecutor(webThreads);
        web.start();
    }

    @AfterAll
    static void stop() {
        web.stop(0);
        webThreads.shutdownNow();
        s3.close();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String body = SERVED.get(exchange.getRequestURI().getPath());
        byte[] bytes = (body == null ? "not here" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body == null ? "text/plain" : "text/csv");
        exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // --- requests ---

    /** A load of text into ref.table from the source; fileName names the file, URL path or S3 key. */
    private static ObjectNode load(Source source, String table, String fileName, String text) {
        ObjectNode request = ApiClient.object().put("database", "ref").put("table", table);
        switch (source) {
            case DATA -> request.put("operation", "csv_data_load").put("data", text);
            case FILE -> request.put("operation", "csv_file_load")
                    .put("file_path", TestFiles.write(files, fileName, text).toString());
            case URL -> {
                SERVED.put("/" + fileName, text);
                request.put("operation", "csv_url_load")
                        .put("csv_url", "http://127.0.0.1:" + web.getAddress().getPort() + "/" + fileName);
            }
            case S3 -> {
                s3.put(BUCKET, fileName, text.getBytes(StandardCharsets.UTF_8));
                request.put("operation", "import_from_s3").putObject("s3")
                        .put("aws_access_key_id", s3.accessKeyId())
                        .put("aws_secret_access_key", s3.secretAccessKey())
                        .put("bucket", BUCKET)
                        .put("key", fileName)
                        .put("region", S3TestServer.REGION)
                        .put("endpoint", s3.endpoint());
            }
            default -> throw new IllegalArgumentException(source.name());
        }
        return request;
    }

    private static ObjectNode dataLoad(String table, String csv) {
        return load(Source.DATA, table, null, csv);
    }

    private static ObjectNode continuing(ObjectNode request) {
        return request.put("on_error", "continue");
    }

    private static JsonNode run(ObjectNode request) {
        return jobs.run(request.toString());
    }

    private static String tableWith(String records) {
        String table = admin.newTable("ref");
        if (records != null) {
            admin.ok("{'operation':'insert','database':'ref','table':'" + table + "','records':" + records + "}");
        }
        return table;
    }

    /** The table's records as "id=name" in key order. */
    private static List<String> stored(String table) {
        JsonNode rows = admin.ok("{'operation':'sql','sql':'SELECT id, name FROM ref." + table + " ORDER BY id'}");
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path("id").asText() + "=" + r.path("name").asText()));
        return out;
    }

    private static long recordCount(String table) {
        return admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .path("record_count").asLong();
    }

    private static JsonNode errors(ApiClient client, String fields) {
        return client.ok("{'operation':'get_job_errors'," + fields + "}");
    }

    private static JsonNode errors(String jobId) {
        return errors(admin, "'id':'" + jobId + "','limit':1000");
    }

    /** ids 1..rows with a name each; a bad row's key is a JSON object (invalid_key). */
    private static String csv(int rows, IntPredicate bad) {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(bad.test(i) ? "\"{\"\"bad\"\":" + i + "}\"" : String.valueOf(i)).append(",n").append(i).append('\n');
        }
        return csv.toString();
    }

    // --- assertions ---

    private static void assertStatus(String status, String message, JsonNode job) {
        assertEquals(status, job.path("status").asText(), job::toString);
        assertEquals(message, job.path("message").asText(), job::toString);
    }

    /** The outcome counts, and the reasons as {code:n} JSON. */
    private static void assertOutcomes(JsonNode job, long inserted, long updated, long skipped, long failed,
                                       String reasons) {
        JsonNode o = job.path("outcomes");
        assertEquals(inserted, o.path("inserted").asLong(), job::toString);
        assertEquals(updated, o.path("updated").asLong(), job::toString);
        assertEquals(0, o.path("unchanged").asLong(), job::toString);
        assertEquals(skipped, o.path("skipped").asLong(), job::toString);
        assertEquals(failed, o.path("failed").asLong(), job::toString);
        assertEquals(ApiClient.JSON.valueToTree(parse(reasons)), o.path("reasons"), job::toString);
        JsonNode progress = job.path("progress");
        assertEquals(inserted + updated, progress.path("rows_written").asLong(), job::toString);
        assertEquals(skipped, progress.path("rows_skipped").asLong(), job::toString);
        assertEquals(failed, progress.path("rows_failed").asLong(), job::toString);
        assertEquals(inserted + updated + skipped + failed, progress.path("rows_read").asLong(), job::toString);
    }

    private static JsonNode parse(String json) {
        try {
            return ApiClient.JSON.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** One row error's fields (a null column, value or raw must be absent). */
    private static void assertError(JsonNode e, long row, String outcome, String reason, String column, String value,
                                    String raw, String message) {
        assertEquals(row, e.path("row").asLong(), e::toString);
        assertEquals(outcome, e.path("outcome").asText(), e::toString);
        assertEquals(reason, e.path("reason").asText(), e::toString);
        assertEquals(column, e.path("column").textValue(), e::toString);
        assertEquals(value, e.path("value").textValue(), e::toString);
        assertEquals(raw, e.path("raw").textValue(), e::toString);
        assertEquals(message, e.path("message").textValue(), e::toString);
    }

    /** get_job shows the first five errors get_job_errors lists, and how many the table holds. */
    private static void assertInlineErrors(JsonNode job, JsonNode page) {
        assertEquals(page.path("total").asLong(), job.path("row_errors_recorded").asLong(), job::toString);
        JsonNode inline = job.path("row_errors");
        assertEquals(Math.min(5, page.path("errors").size()), inline.size(), job::toString);
        for (int i = 0; i < inline.size(); i++) {
            assertEquals(page.path("errors").get(i), inline.get(i));
        }
    }

    private static List<Long> rows(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.path("errors").forEach(e -> out.add(e.path("row").asLong()));
        return out;
    }

    /** The excerpt the row errors table keeps of a text: at most max characters, the last an ellipsis. */
    private static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    // --- every source, CSV: insert and update ---

    @ParameterizedTest
    @EnumSource(Source.class)
    void csvInsertCountsEveryOutcomeAndRecordsEachSkippedAndFailedRow(Source source) {
        String table = tableWith("[{'id':1,'name':'old1'},{'id':2,'name':'old2'}]");
        String csv = "id,name\n"
                + "1,exists\n"                       // row 1: key_exists
                + "3,new\n"                          // row 2: inserted
                + "3,dup\n"                          // row 3: duplicate_key
                + "\"{\"\"a\"\":1}\",object key\n"   // row 4: invalid_key
                + "4," + TOO_LONG + "\n"             // row 5: value_too_long
                + "5,\"two\nlines\"\n"               // row 6: inserted (a quoted cell over two lines)
                + "6,ok\n";                          // row 7: inserted
        JsonNode job = run(continuing(load(source, table, table + "-insert.csv", csv)));

        assertStatus("COMPLETE", "successfully loaded 3 of 7 records", job);
        assertOutcomes(job, 3, 0, 2, 2, "{'duplicate_key':1,'invalid_key':1,'key_exists':1,'value_too_long':1}");
        assertEquals(List.of("1=old1", "2=old2", "3=new", "5=two\nlines", "6=ok"), stored(table));

        JsonNode page = errors(job.path("id").asText());
        assertEquals(4, page.path("total").asLong(), page::toString);
        JsonNode e = page.path("errors");
        // raw is each row as CSV again, in the header's order: what a rejects file would carry
        assertError(e.get(0), 1, "skipped", "key_exists", null, null, "1,exists", KEY_EXISTS);
        assertError(e.get(1), 3, "skipped", "duplicate_key", null, null, "3,dup", DUPLICATE);
        assertError(e.get(2), 4, "failed", "invalid_key", "id", "{\"a\":1}", "\"{\"\"a\"\":1}\",object key", OBJECT_KEY);
        assertError(e.get(3), 5, "failed", "value_too_long", "name", excerpt(TOO_LONG, 200),
                excerpt("4," + TOO_LONG, 500), NAME_TOO_LONG);
        assertInlineErrors(job, page);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void csvUpdateSkipsMissingKeysAndFailsRowsWithoutAKey(Source source) {
        String table = tableWith("[{'id':1,'name':'old1'},{'id':2,'name':'old2'}]");
        String csv = "id,name\n"
                + "2,updated\n"   // row 1: updated
                + "9,missing\n"   // row 2: key_not_found
                + ",no key\n"     // row 3: no_key
                + "1,again\n";    // row 4: updated
        JsonNode job = run(continuing(load(source, table, table + "-update.csv", csv)).put("action", "update"));

        assertStatus("COMPLETE", "successfully loaded 2 of 4 records", job);
        assertOutcomes(job, 0, 2, 1, 1, "{'key_not_found':1,'no_key':1}");
        assertEquals(List.of("1=again", "2=updated"), stored(table));

        JsonNode page = errors(job.path("id").asText());
        assertEquals(2, page.path("total").asLong(), page::toString);
        assertError(page.path("errors").get(0), 2, "skipped", "key_not_found", null, null, "9,missing", KEY_NOT_FOUND);
        assertError(page.path("errors").get(1), 3, "failed", "no_key", "id", null, "\"\",no key", NO_KEY);
        assertInlineErrors(job, page);
    }

    // --- JSON sources (import_from_s3) ---

    @Test
    void ndjsonInsertFailsBadLinesOneByOneNamingTheirLines() {
        String table = tableWith("[{'id':1,'name':'old1'}]");
        String broken = "{\"id\":5,\"name\":";
        String ndjson = "{\"id\":1,\"name\":\"exists\"}\n"              // line 1, row 1: key_exists
                + "{\"id\":3,\"name\":\"new\"}\n"                       // line 2, row 2: inserted
                + "{\"id\":3,\"name\":\"dup\"}\n"                       // line 3, row 3: duplicate_key
                + "{\"id\":{\"a\":1},\"name\":\"object key\"}\n"        // line 4, row 4: invalid_key
                + "{\"id\":4,\"name\":\"" + TOO_LONG + "\"}\n"          // line 5, row 5: value_too_long
                + broken + "\n"                                         // line 6, row 6: malformed_json
                + "[1,2]\n"                                             // line 7, row 7: not_an_object
                + "\n"                                                  // line 8: blank, no row
                + "{\"id\":6,\"name\":\"ok\"}\n";                       // line 9, row 8: inserted
        JsonNode job = run(continuing(load(Source.S3, table, "lines/" + table + ".ndjson", ndjson)));

        assertStatus("COMPLETE", "successfully loaded 2 of 8 records", job);
        assertOutcomes(job, 2, 0, 2, 4, "{'duplicate_key':1,'invalid_key':1,'key_exists':1,'malformed_json':1,"
                + "'not_an_object':1,'value_too_long':1}");
        assertEquals(List.of("1=old1", "3=new", "6=ok"), stored(table));

        JsonNode page = errors(job.path("id").asText());
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L), rows(page));
        JsonNode e = page.path("errors");
        assertError(e.get(0), 1, "skipped", "key_exists", null, null, "{\"id\":1,\"name\":\"exists\"}", KEY_EXISTS);
        assertError(e.get(1), 3, "skipped", "duplicate_key", null, null, "{\"id\":3,\"name\":\"dup\"}", DUPLICATE);
        assertError(e.get(2), 4, "failed", "invalid_key", "id", "{\"a\":1}", "{\"id\":{\"a\":1},\"name\":\"object key\"}",
                OBJECT_KEY);
        assertError(e.get(3), 5, "failed", "value_too_long", "name", excerpt(TOO_LONG, 200),
                excerpt("{\"id\":4,\"name\":\"" + TOO_LONG + "\"}", 500), NAME_TOO_LONG);
        JsonNode malformed = e.get(4);
        assertEquals(6, malformed.path("line").asLong(), malformed::toString);
        assertEquals(broken, malformed.path("raw").asText(), malformed::toString);
        assertEquals("failed", malformed.path("outcome").asText());
        assertEquals("malformed_json", malformed.path("reason").asText());
        assertTrue(malformed.path("message").asText().startsWith("Invalid JSON at line 6, column "), malformed::toString);
        JsonNode notObject = e.get(5);
        assertError(notObject, 7, "failed", "not_an_object", null, null, "[1,2]", "Line 7 is not a JSON object");
        assertEquals(7, notObject.path("line").asLong(), notObject::toString);
        assertInlineErrors(job, page);
    }

    @Test
    void ndjsonUpdateSkipsMissingKeysAndFailsRowsWithoutAKey() {
        String table = tableWith("[{'id':1,'name':'old1'},{'id':2,'name':'old2'}]");
        String ndjson = "{\"id\":2,\"name\":\"updated\"}\n{\"id\":9,\"name\":\"missing\"}\n{\"name\":\"no key\"}\n";
        JsonNode job = run(continuing(load(Source.S3, table, "lines/" + table + ".ndjson", ndjson)).put("action", "update"));

        assertStatus("COMPLETE", "successfully loaded 1 of 3 records", job);
        assertOutcomes(job, 0, 1, 1, 1, "{'key_not_found':1,'no_key':1}");
        assertEquals(List.of("1=old1", "2=updated"), stored(table));
        JsonNode page = errors(job.path("id").asText());
        assertError(page.path("errors").get(0), 2, "skipped", "key_not_found", null, null,
                "{\"id\":9,\"name\":\"missing\"}", KEY_NOT_FOUND);
        assertError(page.path("errors").get(1), 3, "failed", "no_key", "id", null, "{\"name\":\"no key\"}", NO_KEY);
        assertEquals(2, page.path("total").asLong());
    }

    @Test
    void jsonArrayInsertFailsBadElementsOneByOneNamingTheirPlace() {
        String table = tableWith("[{'id':1,'name':'old1'}]");
        String json = "[\n"
                + "{\"id\":1,\"name\":\"exists\"},\n"               // line 2, row 1: key_exists
                + "{\"id\":3,\"name\":\"new\"},\n"                  // line 3, row 2: inserted
                + "{\"id\":3,\"name\":\"dup\"},\n"                  // line 4, row 3: duplicate_key
                + "\"just text\",\n"                                // line 5, row 4: not_an_object
                + "{\"id\":{\"a\":1},\"name\":\"object key\"},\n"   // line 6, row 5: invalid_key
                + "{\"id\":4,\"name\":\"" + TOO_LONG + "\"},\n"     // line 7, row 6: value_too_long
                + "{\"id\":5,\"name\":\"ok\"}\n"                    // line 8, row 7: inserted
                + "]";
        JsonNode job = run(continuing(load(Source.S3, table, "array/" + table + ".json", json)));

        assertStatus("COMPLETE", "successfully loaded 2 of 7 records", job);
        assertOutcomes(job, 2, 0, 2, 3,
                "{'duplicate_key':1,'invalid_key':1,'key_exists':1,'not_an_object':1,'value_too_long':1}");
        assertEquals(List.of("1=old1", "3=new", "5=ok"), stored(table));

        JsonNode page = errors(job.path("id").asText());
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L), rows(page));
        JsonNode notObject = page.path("errors").get(2);
        assertError(notObject, 4, "failed", "not_an_object", null, null, "\"just text\"",
                "Record 4 at line 5, column 1 is not a JSON object");
        assertEquals(5, notObject.path("line").asLong(), notObject::toString);
        assertEquals(json.indexOf("\"just text\""), notObject.path("byte_offset").asLong(), notObject::toString);
        assertError(page.path("errors").get(3), 5, "failed", "invalid_key", "id", "{\"a\":1}",
                "{\"id\":{\"a\":1},\"name\":\"object key\"}", OBJECT_KEY);
        assertError(page.path("errors").get(4), 6, "failed", "value_too_long", "name", excerpt(TOO_LONG, 200),
                excerpt("{\"id\":4,\"name\":\"" + TOO_LONG + "\"}", 500), NAME_TOO_LONG);
        assertInlineErrors(job, page);
    }

    /** Past a syntax error Jackson cannot find the next element: the element is recorded, then the load ends. */
    @Test
    void malformedJsonArrayElementIsRecordedAndEndsTheLoad() {
        String table = tableWith(null);
        String json = "[{\"id\":1,\"name\":\"a\"},\n  {\"id\":}]";
        JsonNode job = run(continuing(load(Source.S3, table, "array/" + table + ".json", json)));

        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertTrue(job.path("message").asText().startsWith("Invalid JSON at line 2, column 9 after 1 records: "), job::toString);
        assertTrue(job.path("message").asText().endsWith(" (1 records were committed before the failure)"), job::toString);
        assertEquals(List.of("1=a"), stored(table));
        JsonNode page = errors(job.path("id").asText());
        assertEquals(1, page.path("total").asLong(), page::toString);
        JsonNode e = page.path("errors").get(0);
        assertEquals(2, e.path("row").asLong(), e::toString);
        assertEquals("malformed_json", e.path("reason").asText(), e::toString);
        assertEquals(2, e.path("line").asLong(), e::toString);
        assertEquals(json.indexOf(":}") + 1, e.path("byte_offset").asLong(), e::toString);
    }

    // --- get_job_errors: paging, the reason filter, bad fields, visibility ---

    /** Rows 1-10 exist already (key_exists), rows 11, 13 .. 29 have an object as key (invalid_key). */
    private static String pagedJob() {
        StringBuilder existing = new StringBuilder("[");
        for (int i = 1; i <= 10; i++) {
            existing.append(i == 1 ? "" : ",").append("{'id':").append(i).append(",'name':'old").append(i).append("'}");
        }
        String table = tableWith(existing.append(']').toString());
        JsonNode job = run(continuing(dataLoad(table, csv(30, i -> i > 10 && i % 2 == 1))));
        assertStatus("COMPLETE", "successfully loaded 10 of 30 records", job);
        assertOutcomes(job, 10, 0, 10, 10, "{'invalid_key':10,'key_exists':10}");
        return job.path("id").asText();
    }

    @Test
    void errorsArePagedInRowOrderAndFilteredByReason() {
        String id = pagedJob();
        JsonNode first = errors(admin, "'id':'" + id + "','limit':7");
        assertEquals(id, first.path("job_id").asText());
        assertEquals(20, first.path("total").asLong());
        assertEquals(0, first.path("offset").asLong());
        assertEquals(7, first.path("limit").asLong());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), rows(first));
        assertEquals(List.of(8L, 9L, 10L, 11L, 13L, 15L, 17L), rows(errors(admin, "'id':'" + id + "','offset':7,'limit':7")));
        assertEquals(List.of(19L, 21L, 23L, 25L, 27L, 29L), rows(errors(admin, "'id':'" + id + "','offset':14,'limit':7")));
        assertEquals(0, errors(admin, "'id':'" + id + "','offset':20").path("errors").size());

        JsonNode all = errors(admin, "'id':'" + id + "'");
        assertEquals(100, all.path("limit").asLong(), "the default page");
        assertEquals(20, all.path("errors").size());

        JsonNode invalid = errors(admin, "'id':'" + id + "','reason':'invalid_key','offset':2,'limit':3");
        assertEquals(10, invalid.path("total").asLong());
        assertEquals(List.of(15L, 17L, 19L), rows(invalid));
        invalid.path("errors").forEach(e -> assertEquals("invalid_key", e.path("reason").asText()));
        JsonNode none = errors(admin, "'id':'" + id + "','reason':'no_key'");
        assertEquals(0, none.path("total").asLong());
        assertEquals(0, none.path("errors").size());
    }

    @Test
    void badPagingFieldsAre400AndAnUnknownJobIs404() {
        String id = pagedJob();
        String[][] cases = {
                {"'limit':0", "'limit' must be a whole number from 1 to 1000"},
                {"'limit':1001", "'limit' must be a whole number from 1 to 1000"},
                {"'limit':'10'", "'limit' must be a whole number from 1 to 1000"},
                {"'offset':-1", "'offset' must be a whole number from 0 up"},
                {"'offset':1.5", "'offset' must be a whole number from 0 up"},
                {"'reason':'Not A Code'", "'reason' must be a reason code, such as key_exists or not_castable"},
                {"'reason':7", "'reason' must be a reason code, such as key_exists or not_castable"},
        };
        for (String[] c : cases) {
            ApiClient.Response r = admin.post("{'operation':'get_job_errors','id':'" + id + "'," + c[0] + "}");
            assertEquals(400, r.status(), () -> c[0] + " -> " + r);
            assertEquals(c[1], r.error(), () -> c[0] + " -> " + r);
        }
        for (String badId : new String[] {"", "'id':null,", "'id':'',", "'id':7,", "'id':[],", "'id':{},"}) {
            ApiClient.Response r = admin.post("{" + badId + "'operation':'get_job_errors'}");
            assertEquals(400, r.status(), () -> badId + " -> " + r);
            assertEquals("'id' must be a job id (a non-empty string)", r.error(), () -> badId + " -> " + r);
        }
        ApiClient.Response unknown = admin.post("{'operation':'get_job_errors','id':'no-such-job'}");
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("Job 'no-such-job' not found", unknown.error());
    }

    @Test
    void onlyTheOwnerAndSuperUsersSeeAJobsErrors() {
        String table = tableWith("[{'id':1,'name':'old1'}]");
        String rights = "{'read':true,'insert':true,'update':false,'delete':false,'attribute_permissions':[]}";
        admin.ok("{'operation':'add_role','role':'" + table + "_loader','permission':{'super_user':false,'ref':{'tables':{'"
                + table + "':" + rights + "}}}}");
        admin.ok("{'operation':'add_user','role':'" + table + "_loader','username':'" + table
                + "_owner','password':'pw','active':true}");
        admin.ok("{'operation':'add_user','role':'" + table + "_loader','username':'" + table
                + "_other','password':'pw','active':true}");
        ApiClient owner = caravan.as(table + "_owner", "pw");
        ApiClient other = caravan.as(table + "_other", "pw");
        ObjectNode request = continuing(dataLoad(table, "id,name\n1,exists\n\"{\"\"a\"\":1}\",bad\n2,new\n"))
                .put("action", "insert");
        JsonNode job = new Jobs(owner).run(request.toString());
        assertStatus("COMPLETE", "successfully loaded 1 of 3 records", job);
        String id = job.path("id").asText();

        assertEquals(List.of(1L, 2L), rows(errors(owner, "'id':'" + id + "'")));
        assertEquals(List.of(1L, 2L), rows(errors(admin, "'id':'" + id + "'")));
        ApiClient.Response hidden = other.post("{'operation':'get_job_errors','id':'" + id + "'}");
        assertEquals(404, hidden.status(), hidden::toString);
        assertEquals("Job '" + id + "' not found", hidden.error());
        assertEquals(0, other.ok("{'operation':'get_job','id':'" + id + "'}").size());
    }

    // --- the error policy ---

    @Test
    void abortStopsAtTheFirstFailedRowWithTheRowsBeforeItCommitted() {
        String table = tableWith("[{'id':2,'name':'old2'}]");
        JsonNode job = run(dataLoad(table, csv(10, i -> i == 6)).put("on_error", "abort"));

        assertStatus("ERROR", "Load stopped at row 6 (invalid_key: " + OBJECT_KEY + "), because on_error is abort; "
                + "get_job_errors lists the failed rows (4 records were committed before the failure)", job);
        assertOutcomes(job, 4, 0, 1, 1, "{'invalid_key':1,'key_exists':1}");
        assertEquals(List.of("1=n1", "2=old2", "3=n3", "4=n4", "5=n5"), stored(table));
        JsonNode page = errors(job.path("id").asText());
        assertEquals(List.of(2L, 6L), rows(page));
        assertInlineErrors(job, page);
    }

    @Test
    void abortStopsAtAMalformedJsonLine() {
        String table = tableWith(null);
        String ndjson = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n{\"id\":3,\n{\"id\":4,\"name\":\"d\"}\n";
        JsonNode job = run(load(Source.S3, table, "lines/" + table + "-abort.ndjson", ndjson).put("on_error", "abort"));

        assertEquals("ERROR", job.path("status").asText(), job::toString);
        String message = job.path("message").asText();
        assertTrue(message.startsWith("Load stopped at row 3 (malformed_json: Invalid JSON at line 3, column "), message);
        assertTrue(message.endsWith("), because on_error is abort; get_job_errors lists the failed rows"
                + " (2 records were committed before the failure)"), message);
        assertOutcomes(job, 2, 0, 0, 1, "{'malformed_json':1}");
        assertEquals(List.of("1=a", "2=b"), stored(table));
        JsonNode page = errors(job.path("id").asText());
        assertEquals(List.of(3L), rows(page));
        assertEquals(3, page.path("errors").get(0).path("line").asLong());
        assertEquals("{\"id\":3,", page.path("errors").get(0).path("raw").asText());
    }

    @Test
    void abortInALaterBatchCommitsEveryRowBeforeTheFailedOne() {
        String table = tableWith(null);
        JsonNode job = run(dataLoad(table, csv(2500, i -> i == 1700)).put("on_error", "abort"));

        assertStatus("ERROR", "Load stopped at row 1700 (invalid_key: " + OBJECT_KEY + "), because on_error is abort; "
                + "get_job_errors lists the failed rows (1699 records were committed before the failure)", job);
        assertOutcomes(job, 1699, 0, 0, 1, "{'invalid_key':1}");
        assertEquals(1699, recordCount(table));
        assertEquals(job.path("progress").path("rows_written").asLong(), recordCount(table));
    }

    @Test
    void maxBadRecordsStopsAtTheFailedRowPastTheBound() {
        String table = tableWith(null);
        JsonNode job = run(continuing(dataLoad(table, csv(12, i -> i == 3 || i == 5 || i == 8 || i == 11)))
                .put("max_bad_records", 2));

        assertStatus("ERROR", "Load stopped at row 8 (invalid_key: " + OBJECT_KEY + "), because 3 rows failed, more than "
                + "max_bad_records (2); get_job_errors lists the failed rows (5 records were committed before the failure)",
                job);
        assertOutcomes(job, 5, 0, 0, 3, "{'invalid_key':3}");
        assertEquals(List.of("1=n1", "2=n2", "4=n4", "6=n6", "7=n7"), stored(table));
        assertEquals(List.of(3L, 5L, 8L), rows(errors(job.path("id").asText())));
    }

    @Test
    void maxBadRecordsAloneMeansContinueAndAtTheBoundTheLoadCompletes() {
        String table = tableWith(null);
        JsonNode job = run(dataLoad(table, csv(6, i -> i == 2 || i == 5)).put("max_bad_records", 2));

        assertStatus("COMPLETE", "successfully loaded 4 of 6 records", job);
        assertOutcomes(job, 4, 0, 0, 2, "{'invalid_key':2}");
        assertEquals(4, recordCount(table));
    }

    @Test
    void maxBadRatioExceededFailsTheLoadOnceEveryRowIsRead() {
        String table = tableWith(null);
        JsonNode job = run(continuing(dataLoad(table, csv(10, i -> i <= 3))).put("max_bad_ratio", 0.2));

        assertStatus("ERROR", "Load failed: 3 of 10 rows failed, more than max_bad_ratio (0.2); get_job_errors lists the "
                + "failed rows (7 records were committed before the failure)", job);
        assertOutcomes(job, 7, 0, 0, 3, "{'invalid_key':3}");
        assertEquals(7, recordCount(table));
        assertEquals(3, errors(job.path("id").asText()).path("total").asLong());
    }

    /** 300 of the first batch's 1000 rows fail (0.3), 300 of all 2000 rows (0.15): only the end counts. */
    @Test
    void maxBadRatioIsNotJudgedBeforeEveryRowIsRead() {
        String table = tableWith(null);
        JsonNode job = run(continuing(dataLoad(table, csv(2000, i -> i <= 300))).put("max_bad_ratio", 0.2));
        assertStatus("COMPLETE", "successfully loaded 1700 of 2000 records", job);
        assertOutcomes(job, 1700, 0, 0, 300, "{'invalid_key':300}");
    }

    @Test
    void maxBadRatioReachedButNotExceededCompletes() {
        String table = tableWith(null);
        JsonNode job = run(continuing(dataLoad(table, csv(10, i -> i <= 3))).put("max_bad_ratio", 0.3));
        assertStatus("COMPLETE", "successfully loaded 7 of 10 records", job);
        assertEquals(7, recordCount(table));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "'on_error':'skip'|'on_error' must be 'abort' or 'continue'",
            "'on_error':true|'on_error' must be 'abort' or 'continue'",
            "'max_bad_records':-1|'max_bad_records' must be a whole number of rows, 0 or more",
            "'max_bad_records':1.5|'max_bad_records' must be a whole number of rows, 0 or more",
            "'max_bad_records':'3'|'max_bad_records' must be a whole number of rows, 0 or more",
            "'max_bad_ratio':1.5|'max_bad_ratio' must be a number from 0 to 1",
            "'max_bad_ratio':-0.1|'max_bad_ratio' must be a number from 0 to 1",
            "'max_bad_ratio':'0.1'|'max_bad_ratio' must be a number from 0 to 1",
            "'on_error':'abort','max_bad_records':1|'max_bad_records' and 'max_bad_ratio' apply only with 'on_error': "
                    + "'continue' (abort stops at the first failed row)",
    })
    void badPolicyFieldsAre400AndLoadNothing(String fieldsAndError) {
        String[] parts = fieldsAndError.split("\\|");
        String table = tableWith(null);
        for (Source source : Source.values()) {
            ObjectNode request = load(source, table, table + "-" + source + ".csv", "id,name\n1,a\n");
            parse("{" + parts[0] + "}").fields().forEachRemaining(f -> request.set(f.getKey(), f.getValue()));
            ApiClient.Response r = admin.post(request);
            assertEquals(400, r.status(), () -> source + " " + parts[0] + " -> " + r);
            assertEquals(parts[1], r.error(), () -> source + " " + parts[0] + " -> " + r);
        }
        assertEquals(0, recordCount(table));
    }

    /** With caravan.load.max-row-errors at 10, the table keeps the first 10 errors; the counts stay exact. */
    @Test
    void rowErrorsAreBoundedWhileTheCountsStayExact() {
        try (CaravanProcess bounded = CaravanProcess.startFresh(Map.of("CARAVAN_LOAD_MAX_ROW_ERRORS", "10"))) {
            ApiClient client = bounded.admin();
            client.ok("{'operation':'create_database','database':'ref'}");
            client.ok("{'operation':'create_table','database':'ref','table':'bound','primary_key':'id'}");
            ObjectNode request = continuing(dataLoad("bound", csv(100, i -> i % 2 == 0)));
            JsonNode job = new Jobs(client).run(request.toString());

            assertStatus("COMPLETE", "successfully loaded 50 of 100 records", job);
            assertOutcomes(job, 50, 0, 0, 50, "{'invalid_key':50}");
            assertEquals(10, job.path("row_errors_recorded").asLong(), job::toString);
            JsonNode page = errors(client, "'id':'" + job.path("id").asText() + "'");
            assertEquals(10, page.path("total").asLong(), page::toString);
            assertEquals(List.of(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L), rows(page));
            assertInlineErrors(job, page);
        }
    }

    // --- Harper's behaviour without the new fields ---

    @Test
    void badNdjsonLineWithoutAPolicyFailsTheJobWithTheSameMessage() {
        String ndjson = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,}\n{\"id\":3,\"name\":\"c\"}\n";
        String table = tableWith(null);
        JsonNode harper = run(load(Source.S3, table, "lines/" + table + "-harper.ndjson", ndjson));
        assertEquals("ERROR", harper.path("status").asText(), harper::toString);
        assertTrue(harper.path("message").asText().startsWith("Invalid JSON at line 2, column 9 after 1 records: "),
                harper::toString);
        assertEquals(0, recordCount(table));

        JsonNode continued = run(continuing(load(Source.S3, table, "lines/" + table + "-continue.ndjson", ndjson)));
        assertStatus("COMPLETE", "successfully loaded 2 of 3 records", continued);
        assertOutcomes(continued, 2, 0, 0, 1, "{'malformed_json':1}");
        assertEquals(List.of("1=a", "3=c"), stored(table));
    }

    @Test
    void updateRowWithoutAKeyWithoutAPolicyFailsTheWholeJobAsHarper() {
        String table = tableWith("[{'id':1,'name':'keep'}]");
        JsonNode job = run(dataLoad(table, "id,name\n1,changed\n,zz\n").put("action", "update"));
        assertStatus("ERROR", "a valid hash attribute must be provided with update record, check log for more info", job);
        assertEquals(List.of("1=keep"), stored(table));
    }

    @Test
    void cleanLoadWithoutAPolicyStillCountsItsOutcomes() {
        String table = tableWith("[{'id':1,'name':'old1'}]");
        JsonNode job = run(dataLoad(table, "id,name\n1,exists\n2,new\n2,dup\n"));
        assertStatus("COMPLETE", "successfully loaded 1 of 3 records", job);
        assertOutcomes(job, 1, 0, 2, 0, "{'duplicate_key':1,'key_exists':1}");
        assertEquals(List.of(1L, 3L), rows(errors(job.path("id").asText())));
    }

    // --- dry runs and rejects files on every source (docs/row-outcomes.md) ---

    @ParameterizedTest
    @EnumSource(Source.class)
    void aDryRunOnEverySourceCountsEverythingAndWritesNothing(Source source) {
        String table = tableWith("[{'id':1,'name':'old1'}]");
        String describeBefore = admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}").toString();
        String csv = "id,name,color\n1,exists,red\n2,new,blue\n\"{\"\"a\"\":1}\",object key,green\n";
        JsonNode job = run(continuing(load(source, table, table + "-dry.csv", csv)).put("dry_run", true));

        assertStatus("COMPLETE", "dry run: 1 of 3 records would be loaded; nothing was written", job);
        assertOutcomes(job, 1, 0, 1, 1, "{'invalid_key':1,'key_exists':1}");
        assertTrue(job.path("result").path("attributes").path("color").path("new").asBoolean(), job::toString);
        assertEquals(describeBefore, admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .toString(), "no record, no attribute");
        assertEquals(List.of("1=old1"), stored(table));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void everySourceWritesItsFailedRowsToARejectsFile(Source source) throws IOException {
        String table = tableWith(null);
        String csv = "id,name\n1,a\n\"{\"\"a\"\":1}\",object key\n3,c\n";
        Path rejects = files.resolve(table + "-" + source + ".rejects.csv");
        JsonNode job = run(continuing(load(source, table, table + "-rejects.csv", csv)).put("rejects_path", rejects.toString()));

        assertStatus("COMPLETE", "successfully loaded 2 of 3 records", job);
        assertEquals("id,name\n\"{\"\"a\"\":1}\",object key\n", java.nio.file.Files.readString(rejects));
        List<String> index = java.nio.file.Files.readAllLines(rejects.resolveSibling(rejects.getFileName() + ".rows.csv"));
        assertEquals(2, index.size(), index::toString);
        assertTrue(index.get(1).startsWith("2,3,invalid_key,"), index::toString);
    }

    @Test
    void aJsonLinesSourceWritesItsRejectsAsJsonLines() throws IOException {
        String table = tableWith(null);
        String ndjson = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\"\n[3]\n{\"id\":{\"a\":1},\"name\":\"k\"}\n";
        Path rejects = files.resolve(table + ".rejects.ndjson");
        JsonNode job = run(continuing(load(Source.S3, table, "lines/" + table + ".ndjson", ndjson))
                .put("rejects_path", rejects.toString()));

        assertStatus("COMPLETE", "successfully loaded 1 of 4 records", job);
        assertEquals("{\"id\":2,\"name\"\n[3]\n{\"id\":{\"a\":1},\"name\":\"k\"}\n", java.nio.file.Files.readString(rejects),
                "each failed line as the source had it");
    }
}
