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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dry runs and rejects files (issue 10 points 4 and 5; docs/row-outcomes.md): a dry run leaves the table
 * exactly as it was and says what a load would do; a load's failed rows land in a file that, fixed,
 * loads with the same request.
 */
class DryRunAndRejectsIT {
    private static final String DB = "rejects";
    @TempDir
    static Path files; // under java.io.tmpdir, the servers' import and export root
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createDatabase() {
        admin.ok("{'operation':'create_database','database':'" + DB + "'}");
    }

    private static String table(String records) {
        String table = admin.newTable(DB);
        if (records != null) {
            admin.ok("{'operation':'insert','database':'" + DB + "','table':'" + table + "','records':" + records + "}");
        }
        return table;
    }

    private static String typedTable() {
        String table = "typed" + System.nanoTime();
        admin.ok("{'operation':'create_table','database':'" + DB + "','table':'" + table + "','primary_key':'id',"
                + "'attributes':[{'name':'id','type':'Int'},{'name':'name','type':'String'},{'name':'age','type':'Int'}]}");
        return table;
    }

    /** describe_table and every record, as the server answers them. */
    private static String snapshot(String table) {
        JsonNode describe = admin.ok("{'operation':'describe_table','database':'" + DB + "','table':'" + table + "'}");
        JsonNode records = admin.ok("{'operation':'sql','sql':'SELECT * FROM " + DB + "." + table + " ORDER BY id'}");
        return describe + "\n" + records;
    }

    private static ObjectNode dataLoad(String table, String csv) {
        ObjectNode load = ApiClient.object().put("operation", "csv_data_load").put("database", DB).put("table", table);
        return load.put("data", csv);
    }

    private static ObjectNode fileLoad(String table, Path file) {
        return ApiClient.object().put("operation", "csv_file_load").put("database", DB).put("table", table)
                .put("file_path", file.toString());
    }

    /** Submits the request as it is (its text may hold quotes of either kind) and waits for the job to end. */
    private static JsonNode run(ObjectNode request) {
        ApiClient.Response r = admin.post(request);
        assertEquals(200, r.status(), () -> request + " -> " + r);
        return jobs.await(r.body().path("job_id").asText());
    }

    @Test
    void aDryRunLeavesTheTableExactlyAsItWasAndSaysWhatALoadWouldDo() {
        String table = table("[{'id':1,'name':'Rex','age':3},{'id':2,'name':'Fido','age':5}]");
        String before = snapshot(table);
        String csv = "id,name,age,color\n"
                + "1,Rex,3,brown\n"      // key_exists (insert)
                + "3,Kit,2,black\n"      // inserted, with an attribute the table lacks
                + "3,Kat,4,white\n"      // duplicate_key
                + "4,\"Bo, the dog\",1,\n"; // inserted
        JsonNode job = run(dataLoad(table, csv).put("dry_run", true));

        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("dry run: 2 of 4 records would be loaded; nothing was written", job.path("message").asText());
        JsonNode outcomes = job.path("outcomes");
        assertEquals(2, outcomes.path("inserted").asLong(), job::toString);
        assertEquals(2, outcomes.path("skipped").asLong(), job::toString);
        assertEquals(1, outcomes.path("reasons").path("key_exists").asLong(), job::toString);
        assertEquals(1, outcomes.path("reasons").path("duplicate_key").asLong(), job::toString);
        JsonNode result = job.path("result");
        assertTrue(result.path("dry_run").asBoolean(), job::toString);
        assertTrue(result.path("attributes").path("color").path("new").asBoolean(), result::toString);
        assertFalse(result.path("attributes").path("name").path("new").asBoolean(), result::toString);
        assertEquals("[\"number\"]", result.path("attributes").path("age").path("types").toString(), result::toString);
        assertEquals("Kit", result.path("sample").get(0).path("name").asText(), result::toString);
        assertEquals("black", result.path("sample").get(0).path("color").asText(), result::toString);
        assertEquals(2, result.path("sample").size(), result::toString);

        assertEquals(before, snapshot(table), "describe_table and every record unchanged");
        JsonNode errors = admin.ok("{'operation':'get_job_errors','id':'" + job.path("id").asText() + "'}");
        assertEquals(2, errors.path("total").asLong(), errors::toString);
    }

    @Test
    void aDryRunOfAnUpdateCountsWhatWouldChangeAndWhatWouldNot() {
        String table = table("[{'id':1,'name':'Rex'},{'id':2,'name':'Fido'}]");
        String before = snapshot(table);
        JsonNode job = run(dataLoad(table, "id,name\n1,Rex\n2,Bolt\n9,Ghost\n").put("action", "update")
                .put("dry_run", true));
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        JsonNode outcomes = job.path("outcomes");
        assertEquals(1, outcomes.path("unchanged").asLong(), job::toString);
        assertEquals(1, outcomes.path("updated").asLong(), job::toString);
        assertEquals(1, outcomes.path("reasons").path("key_not_found").asLong(), job::toString);
        assertEquals(before, snapshot(table));
    }

    @Test
    void failedRowsGoToARejectsFileThatLoadsOnceFixed() throws IOException {
        String table = typedTable();
        Path source = files.resolve("dogs.csv");
        Files.writeString(source, "id,name,age\n"
                + "1,Rex,3\n"
                + "2,\"Fido, the \"\"good\"\" dog\",old\n"   // row 2, line 3: not_castable
                + "3,Kit,4\n"
                + "4,\"Bo\nwho spans lines\",x\n"             // row 4, lines 5-6: not_castable
                + "5,Ace,7\n", StandardCharsets.UTF_8);
        Path rejects = files.resolve("dogs.rejects.csv");
        JsonNode job = run(fileLoad(table, source).put("on_error", "continue").put("rejects_path", rejects.toString()));

        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("successfully loaded 3 of 5 records", job.path("message").asText());
        assertEquals(2, job.path("progress").path("rows_failed").asLong(), job::toString);
        assertEquals(2, job.path("outcomes").path("reasons").path("not_castable").asLong(), job::toString);
        String rejected = Files.readString(rejects, StandardCharsets.UTF_8);
        assertEquals("id,name,age\n2,\"Fido, the \"\"good\"\" dog\",old\n4,\"Bo\nwho spans lines\",x\n", rejected);
        List<String> index = Files.readAllLines(files.resolve("dogs.rejects.csv.rows.csv"), StandardCharsets.UTF_8);
        assertEquals("source_row,source_line,reason,message", index.get(0));
        assertTrue(index.get(1).startsWith("2,3,not_castable,"), index::toString);
        assertTrue(index.get(2).startsWith("4,5,not_castable,"), index::toString);
        assertEquals(3, index.size(), index::toString);

        // the user fixes the two ages and loads the file with the same request
        Files.writeString(rejects, rejected.replace(",old\n", ",9\n").replace(",x\n", ",10\n"), StandardCharsets.UTF_8);
        Path again = files.resolve("dogs.rejects.again.csv");
        JsonNode reload = run(fileLoad(table, rejects).put("on_error", "continue").put("rejects_path", again.toString()));
        assertEquals("successfully loaded 2 of 2 records", reload.path("message").asText(), reload::toString);
        assertEquals(0, reload.path("progress").path("rows_failed").asLong(), reload::toString);
        assertEquals("id,name,age\n", Files.readString(again, StandardCharsets.UTF_8), "nothing failed this time");

        JsonNode stored = admin.ok("{'operation':'sql','sql':'SELECT id, name, age FROM " + DB + "." + table
                + " ORDER BY id'}");
        assertEquals(5, stored.size(), stored::toString);
        assertEquals("Fido, the \"good\" dog", stored.get(1).path("name").asText());
        assertEquals(9, stored.get(1).path("age").asInt());
        assertEquals("Bo\nwho spans lines", stored.get(3).path("name").asText());
        assertEquals(10, stored.get(3).path("age").asInt());
    }

    @Test
    void aRejectsFileUnderADialectIsWrittenInThatDialect() throws IOException {
        String table = typedTable();
        Path source = files.resolve("semicolons.csv");
        Files.writeString(source, "# exported by hand\nid;name;age\n1;Rex;3\n2;Fido;old\n", StandardCharsets.UTF_8);
        Path rejects = files.resolve("semicolons.rejects.csv");
        JsonNode job = run(fileLoad(table, source).put("delimiter", ";").put("skip_rows", 1)
                .put("on_error", "continue").put("rejects_path", rejects.toString()));
        assertEquals("successfully loaded 1 of 2 records", job.path("message").asText(), job::toString);
        String rejected = Files.readString(rejects, StandardCharsets.UTF_8);
        assertEquals("\nid;name;age\n2;Fido;old\n", rejected, "the skipped line kept, so the same request reads it");

        Files.writeString(rejects, rejected.replace("old", "4"), StandardCharsets.UTF_8);
        JsonNode reload = run(fileLoad(table, rejects).put("delimiter", ";").put("skip_rows", 1)
                .put("on_error", "continue"));
        assertEquals("successfully loaded 1 of 1 records", reload.path("message").asText(), reload::toString);
    }

    @Test
    void badDryRunAndRejectsFieldsAre400sAndStartNothing() {
        String table = table(null);
        String outside = "/etc/caravan-rejects.csv";
        for (ObjectNode bad : List.of(dataLoad(table, "id\n1\n").put("dry_run", "yes"),
                dataLoad(table, "id\n1\n").put("rejects_path", outside),
                dataLoad(table, "id\n1\n").put("rejects_path", files.toString()),
                dataLoad(table, "id\n1\n").put("rejects_path", 7),
                dataLoad(table, "id\n1\n").put("rejects_path", files.resolve("no-such-dir/r.csv").toString()))) {
            ApiClient.Response r = admin.post(bad);
            assertEquals(400, r.status(), () -> bad + " -> " + r);
        }
        ApiClient.Response outsideAnswer = admin.post(dataLoad(table, "id\n1\n").put("rejects_path", outside));
        assertTrue(outsideAnswer.error().contains("outside the directories this server allows"), outsideAnswer::toString);
        assertFalse(Files.exists(Path.of(outside)));
        JsonNode count = admin.ok("{'operation':'sql','sql':'SELECT COUNT(*) AS n FROM " + DB + "." + table + "'}");
        assertEquals(0, count.get(0).path("n").asInt());
    }
}
