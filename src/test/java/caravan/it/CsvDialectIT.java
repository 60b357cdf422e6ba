package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV dialect fields of csv_data_load and csv_file_load (issue 10 point 7, compatibility C19): each
 * one read by a real load from both sources, a 400 for each bad value, and strict quoting under an
 * explicit dialect.
 */
class CsvDialectIT {
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
    }

    private static ObjectNode fields(String json) {
        try {
            return (ObjectNode) ApiClient.JSON.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode dataLoad(String table, String csv, ObjectNode dialect) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_data_load");
        request.put("database", "ref");
        request.put("table", table);
        request.put("data", csv);
        request.setAll(dialect);
        return request;
    }

    private static ObjectNode fileLoad(String table, byte[] csv, ObjectNode dialect) {
        Path file = files.resolve(table + ".csv");
        try {
            Files.write(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_file_load");
        request.put("database", "ref");
        request.put("table", table);
        request.put("file_path", file.toString());
        request.setAll(dialect);
        return request;
    }

    private static JsonNode run(ObjectNode request) {
        ApiClient.Response r = admin.post(request);
        assertEquals(200, r.status(), () -> "submit: " + r);
        return jobs.await(r.body().get("job_id").asText());
    }

    /** The table's records with the given attributes, by id. */
    private static List<String> records(String table, String... attributes) {
        ObjectNode search = ApiClient.object();
        search.put("operation", "search_by_value");
        search.put("database", "ref");
        search.put("table", table);
        search.put("search_attribute", "id");
        search.put("search_value", "*");
        ArrayNode get = search.putArray("get_attributes");
        for (String attribute : attributes) {
            get.add(attribute);
        }
        ApiClient.Response r = admin.post(search);
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> found = new ArrayList<>();
        r.body().forEach(found::add);
        found.sort(Comparator.comparingLong(n -> n.get("id").asLong()));
        return found.stream().map(JsonNode::toString).toList();
    }

    /** Loads the text with the dialect from the data field and from a UTF-8 file; both tables must hold the expected records. */
    private static void loadsFromBoth(String dialect, String csv, List<String> expected, String... attributes) {
        String fromData = admin.newTable("ref");
        JsonNode job = run(dataLoad(fromData, csv, fields(dialect)));
        assertEquals("COMPLETE", job.get("status").asText(), job::toString);
        assertEquals(expected, records(fromData, attributes));
        String fromFile = admin.newTable("ref");
        job = run(fileLoad(fromFile, csv.getBytes(StandardCharsets.UTF_8), fields(dialect)));
        assertEquals("COMPLETE", job.get("status").asText(), job::toString);
        assertEquals("successfully loaded " + expected.size() + " of " + expected.size() + " records",
                job.get("message").asText());
        assertEquals(expected, records(fromFile, attributes));
    }

    @Test
    void delimiterIsUsedInsteadOfTheDetectedOne() {
        loadsFromBoth("{'delimiter':';'}", "id;name\n1;a,b,c\n2;d\n",
                List.of("{\"id\":1,\"name\":\"a,b,c\"}", "{\"id\":2,\"name\":\"d\"}"), "id", "name");
    }

    @Test
    void quoteCharacterQuotesValues() {
        loadsFromBoth("{'quote':'\\u0027'}", "id,name\n1,'Rex, \"the dog\"'\n",
                List.of("{\"id\":1,\"name\":\"Rex, \\\"the dog\\\"\"}"), "id", "name");
    }

    @Test
    void escapeCharacterEscapesQuotesAndDelimiters() {
        loadsFromBoth("{'escape':'\\\\'}", "id,name\n1,\"say \\\"hi\\\"\"\n2,a\\,b\n",
                List.of("{\"id\":1,\"name\":\"say \\\"hi\\\"\"}", "{\"id\":2,\"name\":\"a,b\"}"), "id", "name");
    }

    @Test
    void withoutAHeaderTheColumnsNameTheAttributes() {
        loadsFromBoth("{'header':false,'columns':['id','name']}", "1,Rex\n2,Fido\n",
                List.of("{\"id\":1,\"name\":\"Rex\"}", "{\"id\":2,\"name\":\"Fido\"}"), "id", "name");
    }

    @Test
    void skipRowsPassesAPreamble() {
        loadsFromBoth("{'skip_rows':2}", "Dogs export\ngenerated today, by hand\nid,name\n1,Rex\n",
                List.of("{\"id\":1,\"name\":\"Rex\"}"), "id", "name");
    }

    @Test
    void nullValuesAreStoredAsNull() {
        loadsFromBoth("{'null_values':['NA','']}", "id,name,age\n1,NA,\n2,Rex,3\n",
                List.of("{\"id\":1,\"name\":null,\"age\":null}", "{\"id\":2,\"name\":\"Rex\",\"age\":3}"), "id", "name", "age");
    }

    @Test
    void trimDropsSurroundingSpaces() {
        loadsFromBoth("{'trim':true}", "id , name\n 1 ,  Rex  \n",
                List.of("{\"id\":1,\"name\":\"Rex\"}"), "id", "name");
    }

    @Test
    void commentLinesAreSkipped() {
        loadsFromBoth("{'comment':'#'}", "# exported by hand\nid,name\n1,Rex\n# 2,Fido was sold\n3,Ace\n",
                List.of("{\"id\":1,\"name\":\"Rex\"}", "{\"id\":3,\"name\":\"Ace\"}"), "id", "name");
    }

    @Test
    void aLatin1SemicolonFileLoadsItsText() {
        byte[] latin1 = "id;name;city\n1;Müller;Zürich\n2;Françoise;Besançon\n".getBytes(StandardCharsets.ISO_8859_1);
        String table = admin.newTable("ref");
        JsonNode job = run(fileLoad(table, latin1, fields("{'delimiter':';','encoding':'ISO-8859-1'}")));
        assertEquals("successfully loaded 2 of 2 records", job.get("message").asText(), job::toString);
        assertEquals(List.of("{\"id\":1,\"name\":\"Müller\",\"city\":\"Zürich\"}",
                "{\"id\":2,\"name\":\"Françoise\",\"city\":\"Besançon\"}"), records(table, "id", "name", "city"));
        String asUtf8 = admin.newTable("ref"); // the same bytes read as Harper would: not the text
        run(fileLoad(asUtf8, latin1, fields("{'delimiter':';'}")));
        assertTrue(records(asUtf8, "id", "name").get(0).contains("M\uFFFDller"), () -> records(asUtf8, "id", "name").toString());
    }

    @Test
    void encodingOfTheDataFieldIsItsJsonText() {
        // a data field is text already (JSON is Unicode): the encoding names how a file's bytes are read
        String table = admin.newTable("ref");
        run(dataLoad(table, "id;name\n1;Müller\n", fields("{'delimiter':';','encoding':'ISO-8859-1'}")));
        assertEquals(List.of("{\"id\":1,\"name\":\"Müller\"}"), records(table, "id", "name"));
    }

    @Test
    void brokenQuotingUnderADialectFailsTheJobNamingRowAndLine() {
        String csv = "id,name\n1,\"Rex\nthe dog\"\n2,\"Fido\"x\n3,Ace\n";
        String fromData = admin.newTable("ref");
        JsonNode job = run(dataLoad(fromData, csv, fields("{'delimiter':','}")));
        assertEquals("ERROR", job.get("status").asText(), job::toString);
        assertEquals("CSV row 2 (line 4): text follows a closing quote on line 4 (a quoted value must end at a"
                + " delimiter or the end of the line)", job.get("message").asText());
        String fromFile = admin.newTable("ref");
        job = run(fileLoad(fromFile, csv.getBytes(StandardCharsets.UTF_8), fields("{'delimiter':','}")));
        assertEquals("ERROR", job.get("status").asText(), job::toString);
        assertTrue(job.get("message").asText().startsWith("CSV row 2 (line 4): "), job::toString);
    }

    @Test
    void harpersDefaultStaysLenientAboutQuotes() {
        String table = admin.newTable("ref");
        JsonNode job = run(dataLoad(table, "id,name\n1,\"Fido\"x\n", ApiClient.object()));
        assertEquals("successfully loaded 1 of 1 records", job.get("message").asText(), job::toString);
        assertEquals(List.of("{\"id\":1,\"name\":\"Fidox\"}"), records(table, "id", "name"));
    }

    private static void badRequest(String dialect, String expected) {
        String table = admin.newTable("ref");
        for (ObjectNode request : List.of(dataLoad(table, "id\n1\n", fields(dialect)),
                fileLoad(table, "id\n1\n".getBytes(StandardCharsets.UTF_8), fields(dialect)))) {
            ApiClient.Response r = admin.post(request);
            assertEquals(400, r.status(), r::toString);
            assertTrue(r.error().startsWith(expected), r::toString);
        }
        assertEquals(List.of(), records(table, "id")); // and nothing was loaded
    }

    @Test
    void badDialectValuesAre400s() {
        badRequest("{'delimiter':';;'}", "'delimiter' must be a string of one character");
        badRequest("{'delimiter':'\\n'}", "'delimiter' cannot be a line break");
        badRequest("{'quote':7}", "'quote' must be a string of one character");
        badRequest("{'escape':''}", "'escape' must be a string of one character");
        badRequest("{'comment':'##'}", "'comment' must be a string of one character");
        badRequest("{'header':'yes'}", "'header' must be true or false");
        badRequest("{'header':false}", "'columns' is required when 'header' is false");
        badRequest("{'columns':['id']}", "'columns' is only read with 'header': false");
        badRequest("{'header':false,'columns':['id','bad/name']}", "'columns': Invalid column name 'bad/name'");
        badRequest("{'header':false,'columns':'id'}", "'columns' must be a non-empty array of strings");
        badRequest("{'skip_rows':-2}", "'skip_rows' must be a whole number of lines, 0 or more");
        badRequest("{'null_values':[null]}", "'null_values' must be a non-empty array of strings");
        badRequest("{'trim':'true'}", "'trim' must be true or false");
        badRequest("{'encoding':'EBCDIC-klingon'}", "'encoding' must name a character set this server knows");
        badRequest("{'delimiter':'|','quote':'|'}", "The CSV dialect is not usable: ");
    }

    @Test
    void aStoppedDialectLoadResumesReadingTheSameWay() throws IOException {
        int count = 300_000;
        Path file = files.resolve("resume.csv");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            w.write("Hunde-Export\n# zweite Zeile\n"); // skipped: no header row follows, columns name the attributes
            for (int i = 1; i <= count; i++) {
                w.write(i + ";Hund " + i + " aus Zürich;" + (i % 15) + "\n");
            }
        }
        String table = admin.newTable("ref");
        ObjectNode request = fields("{'operation':'csv_file_load','database':'ref','table':'" + table + "','file_path':'"
                + file + "','skip_rows':2,'header':false,'columns':['id','name','age'],'delimiter':';','encoding':'ISO-8859-1'}");
        ApiClient.Response submitted = admin.post(request);
        assertEquals(200, submitted.status(), submitted::toString);
        String id = submitted.body().get("job_id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> jobs.get(id), j -> j.path("progress").path("rows_written").asLong() > 0);

        caravan.process().stop(); // SIGTERM: the load stops at a batch and resumes after the restart
        caravan.process().start();

        JsonNode done = jobs.await(id, java.time.Duration.ofSeconds(300));
        assertTrue(caravan.process().logText().contains("Resuming job " + id), "the job was resumed, not finished before the stop");
        assertEquals("successfully loaded " + count + " of " + count + " records", done.get("message").asText(), done::toString);
        assertEquals(count, admin.ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .get("record_count").asLong());
        JsonNode last = admin.ok("{'operation':'search_by_hash','database':'ref','table':'" + table
                + "','hash_values':[" + count + "],'get_attributes':['name','age']}");
        assertEquals("{\"name\":\"Hund " + count + " aus Zürich\",\"age\":" + (count % 15) + "}", last.get(0).toString());
    }

    @Test
    void aDialectOnAJsonLoadIs400() {
        ObjectNode request = fields("{'operation':'import_from_s3','database':'ref','table':'" + admin.newTable("ref") + "',"
                + "'delimiter':';','s3':{'aws_access_key_id':'k','aws_secret_access_key':'s','bucket':'b',"
                + "'key':'dogs.json','region':'us-east-1','endpoint':'http://127.0.0.1:9'}}");
        ApiClient.Response r = admin.post(request);
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.error().endsWith(") apply to CSV sources only"), r::toString);
    }
}
