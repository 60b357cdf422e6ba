package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** export_local (contract §8, §16 cases 49-59, compatibility C8 and C9), and the import/export roots. */
class ExportLocalIT {
    @TempDir
    static Path exports;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'create_table','database':'ref','table':'e','primary_key':'id'}");
        ObjectNode insert = ApiClient.object().put("operation", "insert").put("database", "ref").put("table", "e");
        ObjectNode first = insert.putArray("records").addObject().put("id", 1).put("s", "he said \"hi\", ok")
                .put("n", 1.5).put("b", true);
        first.putObject("obj").put("a", 1);
        first.putArray("arr").add(1).add("x");
        first.putNull("nul");
        insert.withArray("records").addObject().put("id", 2).put("s", "line1\nline2");
        insert.withArray("records").addObject().put("id", 3).put("num", 30);
        assertEquals(200, admin.post(insert).status());
        admin.ok("{'operation':'create_table','database':'ref','table':'empty','primary_key':'id'}");
    }

    private static ObjectNode export(String format, String filename, ObjectNode searchOperation) {
        ObjectNode request = ApiClient.object().put("operation", "export_local").put("format", format)
                .put("path", exports.toString());
        if (filename != null) {
            request.put("filename", filename);
        }
        request.set("search_operation", searchOperation);
        return request;
    }

    private static ObjectNode sql(String sql) {
        return ApiClient.object().put("operation", "sql").put("sql", sql);
    }

    private static JsonNode run(ObjectNode request) {
        JsonNode job = jobs.run(request.toString().replace('\'', '\u2019'));
        assertEquals("COMPLETE", job.path("status").asText(), () -> "job: " + job);
        return job;
    }

    private static String read(String name) throws IOException {
        return Files.readString(exports.resolve(name), StandardCharsets.UTF_8);
    }

    private static final String SELECT = "SELECT id, s, n, b, obj, arr, nul FROM ref.e WHERE id < 3 ORDER BY id";

    @Test
    void jsonIsOneCompactArrayWithoutTrailingNewline() throws IOException {
        JsonNode job = run(export("json", "e1", sql(SELECT)));
        assertEquals("Successfully completed job: " + job.path("id").asText(), job.path("message").asText());
        assertEquals("Successfully exported JSON locally.", job.path("result").path("message").asText());
        assertEquals(exports + "/e1.json", job.path("result").path("path").asText());
        assertEquals("[{\"id\":1,\"s\":\"he said \\\"hi\\\", ok\",\"n\":1.5,\"b\":true,\"obj\":{\"a\":1},\"arr\":[1,\"x\"],"
                + "\"nul\":null},{\"id\":2,\"s\":\"line1\\nline2\",\"n\":null,\"b\":null,\"obj\":null,\"arr\":null,"
                + "\"nul\":null}]", read("e1.json"));
    }

    @Test
    void csvQuotesStringsAndHeadersAndWritesNestedValuesAsJsonText() throws IOException {
        JsonNode job = run(export("csv", "e2", sql(SELECT)));
        assertEquals("Successfully exported CSV locally.", job.path("result").path("message").asText());
        assertEquals("\"id\",\"s\",\"n\",\"b\",\"obj\",\"arr\",\"nul\"\n"
                + "1,\"he said \"\"hi\"\", ok\",1.5,true,\"{\"\"a\"\":1}\",\"[1,\"\"x\"\"]\",\n"
                + "2,\"line1\nline2\",,,,,", read("e2.csv"));
    }

    @Test
    void starExportsKeyTimestampsThenSortedAttributes() throws IOException {
        run(export("csv", "star", sql("SELECT * FROM ref.e ORDER BY id")));
        String header = read("star.csv").split("\n", 2)[0];
        assertEquals("\"id\",\"__createdtime__\",\"__updatedtime__\",\"arr\",\"b\",\"n\",\"nul\",\"num\",\"obj\",\"s\"", header);
        ObjectNode hash = ApiClient.object().put("operation", "search_by_hash").put("database", "ref").put("table", "e");
        hash.putArray("hash_values").add(3);
        hash.putArray("get_attributes").add("*");
        run(export("csv", "star-hash", hash));
        assertEquals(header, read("star-hash.csv").split("\n", 2)[0]);
    }

    @Test
    void hashSearchKeepsRequestedOrderAndAttributes() throws IOException {
        ObjectNode hash = ApiClient.object().put("operation", "search_by_hash").put("database", "ref").put("table", "e");
        hash.putArray("hash_values").add(3).add(1).add(99);
        hash.putArray("get_attributes").add("num").add("id");
        run(export("csv", "by-hash", hash));
        assertEquals("\"num\",\"id\"\n30,3\n,1", read("by-hash.csv"));
    }

    @Test
    void valueAndConditionSearchesExport() throws IOException {
        ObjectNode byValue = ApiClient.object().put("operation", "search_by_value").put("database", "ref")
                .put("table", "e").put("search_attribute", "num").put("search_value", 30);
        byValue.putArray("get_attributes").add("id").add("num");
        run(export("json", "by-value", byValue));
        assertEquals("[{\"id\":3,\"num\":30}]", read("by-value.json"));
        ObjectNode byConditions = ApiClient.object().put("operation", "search_by_conditions").put("database", "ref")
                .put("table", "e");
        byConditions.putArray("conditions").addObject().put("search_attribute", "id").put("search_type", "less_than")
                .put("search_value", 3);
        byConditions.putArray("get_attributes").add("id");
        run(export("json", "by-conditions", byConditions));
        assertEquals("[{\"id\":1},{\"id\":2}]", read("by-conditions.json"));
    }

    @Test
    void emptyResultsAreAnEmptyFileOrAnEmptyArray() throws IOException {
        run(export("csv", "none", sql("SELECT * FROM ref.empty")));
        assertEquals(0, Files.size(exports.resolve("none.csv")));
        run(export("json", "none", sql("SELECT * FROM ref.empty")));
        assertEquals("[]", read("none.json"));
    }

    @Test
    void withoutFilenameTheFileIsNamedByEpochMillis() throws IOException {
        Path dir = Files.createDirectories(exports.resolve("unnamed"));
        ObjectNode request = export("json", null, sql("SELECT id FROM ref.e WHERE id = 1"));
        request.put("path", dir + "/");
        JsonNode job = run(request);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), names::toString);
            assertTrue(names.get(0).matches("\\d{13}\\.json"), names::toString);
            assertEquals(dir + "/" + names.get(0), job.path("result").path("path").asText());
        }
    }

    @Test
    void aNameAlreadyEndingInTheFormatIsKept() throws IOException {
        run(export("json", "kept.json", sql("SELECT id FROM ref.e WHERE id = 1")));
        assertEquals("[{\"id\":1}]", read("kept.json"));
        assertTrue(Files.notExists(exports.resolve("kept.json.json")));
    }

    @Test
    void anExistingFileIsReplacedAndNoPartFileStays() throws IOException {
        Path dir = Files.createDirectories(exports.resolve("replace"));
        Files.writeString(dir.resolve("r.json"), "old content that is longer than the export");
        ObjectNode request = export("json", "r", sql("SELECT id FROM ref.e WHERE id = 2"));
        request.put("path", dir.toString());
        run(request);
        assertEquals("[{\"id\":2}]", Files.readString(dir.resolve("r.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("r.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void requestErrorsAreAnsweredBeforeAnyJob() throws IOException {
        Path file = Files.writeString(exports.resolve("plain.txt"), "x");
        String search = "'search_operation':{'operation':'sql','sql':'SELECT * FROM ref.e'}";
        String path = "'path':'" + exports + "'";
        assertError("format missing", "{'operation':'export_local'," + path + "," + search + "}");
        assertError("format invalid. must be one of the following values: json, csv",
                "{'operation':'export_local','format':'xml'," + path + "," + search + "}");
        assertError("format invalid. must be one of the following values: json, csv",
                "{'operation':'export_local','format':'JSON'," + path + "," + search + "}");
        assertError("search_operation.operation missing",
                "{'operation':'export_local','format':'json'," + path + ",'search_operation':{}}");
        assertError("searchOperation.operation must be one of the following values: search_by_value, search_by_hash, sql, search_by_conditions",
                "{'operation':'export_local','format':'json'," + path + ",'search_operation':{'operation':'describe_all'}}");
        assertError("path is missing.", "{'operation':'export_local','format':'json'," + search + "}");
        assertError("Invalid path: ", "{'operation':'export_local','format':'json','path':''," + search + "}");
        assertError("path '" + exports + "/nodir' does not exist",
                "{'operation':'export_local','format':'json','path':'" + exports + "/nodir'," + search + "}");
        assertError("path '" + file + "' is not a directory, please supply a valid folder path",
                "{'operation':'export_local','format':'json','path':'" + file + "'," + search + "}");
        assertError("Table 'ref.nope' does not exist", "{'operation':'export_local','format':'json'," + path
                + ",'search_operation':{'operation':'sql','sql':'SELECT * FROM ref.nope'}}");
        ApiClient.Response badSql = admin.post("{'operation':'export_local','format':'json'," + path
                + ",'search_operation':{'operation':'sql','sql':'selec * from'}}");
        assertEquals(400, badSql.status());
        assertTrue(badSql.error().startsWith("Invalid SQL at: selec * from"), badSql::toString);
    }

    private static void assertError(String error, String request) {
        ApiClient.Response r = admin.post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals(error, r.error());
    }

    @Test
    void exportsStayInsideTheExportRoots() throws IOException {
        ApiClient.Response outside = admin.post("{'operation':'export_local','format':'json','path':'/etc',"
                + "'search_operation':{'operation':'sql','sql':'SELECT * FROM ref.e'}}");
        assertEquals(400, outside.status());
        assertTrue(outside.error().startsWith("path '/etc' is outside the directories this server allows"), outside::toString);
        Path link = Files.createSymbolicLink(exports.resolve("to-etc"), Path.of("/etc"));
        ApiClient.Response viaLink = admin.post("{'operation':'export_local','format':'json','path':'" + link + "',"
                + "'search_operation':{'operation':'sql','sql':'SELECT * FROM ref.e'}}");
        assertEquals(400, viaLink.status(), viaLink::toString);
        ApiClient.Response escape = admin.post("{'operation':'export_local','format':'json','path':'" + exports + "',"
                + "'filename':'../../../etc/x','search_operation':{'operation':'sql','sql':'SELECT * FROM ref.e'}}");
        assertEquals(400, escape.status(), escape::toString);
    }

    @Test
    void fileLoadsStayInsideTheImportRoots() {
        ApiClient.Response r = admin.post("{'operation':'csv_file_load','database':'ref','table':'e','file_path':'/etc/hostname'}");
        assertEquals(400, r.status());
        assertTrue(r.error().startsWith("file_path '/etc/hostname' is outside the directories this server allows"), r::toString);
    }

    @Test
    void onlySqlExportsAreOpenToNonSuperUsers() throws IOException {
        admin.ok("{'operation':'add_role','role':'reader','permission':{'super_user':false,'ref':{'tables':{'e':"
                + "{'read':true,'insert':false,'update':false,'delete':false,'attribute_permissions':[]}}}}}");
        admin.ok("{'operation':'add_user','role':'reader','username':'reader','password':'pw','active':true}");
        ApiClient reader = caravan.as("reader", "pw");
        ApiClient.Response denied = reader.post("{'operation':'export_local','format':'json','path':'" + exports
                + "','search_operation':{'operation':'search_by_hash','database':'ref','table':'e','hash_values':[1],"
                + "'get_attributes':['id']}}");
        assertEquals(403, denied.status());
        assertEquals("Operation 'export_local' is restricted to 'super_user' roles",
                denied.body().path("unauthorized_access").get(0).asText());
        JsonNode job = new Jobs(reader).run("{'operation':'export_local','format':'json','path':'" + exports
                + "','filename':'by-reader','search_operation':{'operation':'sql','sql':'SELECT id FROM ref.e WHERE id = 3'}}");
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("[{\"id\":3}]", read("by-reader.json"));
    }

    @Test
    void csvExportLoadsBackWithTheSameValuesAndTypes() {
        admin.ok("{'operation':'create_table','database':'ref','table':'trip','primary_key':'id'}");
        ObjectNode insert = ApiClient.object().put("operation", "insert").put("database", "ref").put("table", "trip");
        ObjectNode record = insert.putArray("records").addObject().put("id", 7).put("word", "abc")
                .put("zero_led", "007").put("int", 42).put("frac", -1.25).put("flag", false)
                .put("quote", "say \"x\", then\nnew line");
        record.putObject("obj").put("a", 1).putArray("list").add("two").add(3);
        record.putArray("arr").add(1).add("x").add(true);
        insert.withArray("records").addObject().put("id", 8).put("word", "second");
        assertEquals(200, admin.post(insert).status());
        ObjectNode request = export("csv", "trip", sql("SELECT * FROM ref.trip ORDER BY id"));
        run(request);
        admin.ok("{'operation':'create_table','database':'ref','table':'trip_back','primary_key':'id'}");
        JsonNode load = jobs.run("{'operation':'csv_file_load','database':'ref','table':'trip_back','file_path':'"
                + exports.resolve("trip.csv") + "'}");
        assertEquals("successfully loaded 2 of 2 records", load.path("message").asText(), load::toString);
        String attributes = "['id','word','zero_led','int','frac','flag','quote','obj','arr']";
        JsonNode original = admin.ok("{'operation':'search_by_hash','database':'ref','table':'trip','hash_values':[7],"
                + "'get_attributes':" + attributes + "}");
        JsonNode back = admin.ok("{'operation':'search_by_hash','database':'ref','table':'trip_back','hash_values':[7],"
                + "'get_attributes':" + attributes + "}");
        assertEquals(original, back);
        assertTrue(back.get(0).get("int").isIntegralNumber() && back.get(0).get("flag").isBoolean()
                && back.get(0).get("obj").isObject() && back.get(0).get("zero_led").isTextual(), back::toString);
    }

    @Test
    void progressCountsTheRecordsWritten() {
        JsonNode job = run(export("json", "progress", sql("SELECT * FROM ref.e")));
        assertEquals(3, job.path("progress").path("rows_written").asLong(), job::toString);
    }
}
