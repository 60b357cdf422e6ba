package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** csv_file_load (contract §5, §16 cases 39-42), streamed in batches. */
class CsvFileLoadIT {
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

    private static String table(String name) {
        admin.ok("{'operation':'create_table','database':'ref','table':'" + name + "','primary_key':'id'}");
        return name;
    }

    private static String fileLoad(String table, Path file) {
        return "{'operation':'csv_file_load','database':'ref','table':'" + table + "','file_path':'" + file + "'}";
    }

    @Test
    void missingFilePathIsRequired() {
        ApiClient.Response r = admin.post("{'operation':'csv_file_load','database':'ref','table':'x'}");
        assertEquals(400, r.status());
        assertEquals("File path  is required", r.error());
    }

    @Test
    void nonexistentFileIs400() {
        table("nofile");
        Path missing = files.resolve("nope.csv");
        ApiClient.Response r = admin.post(fileLoad("nofile", missing));
        assertEquals(400, r.status());
        assertEquals("No such file or directory " + missing, r.error());
    }

    @Test
    void missingTableIsCheckedBeforeTheFile() {
        ApiClient.Response r = admin.post(fileLoad("nope", files.resolve("nope.csv")));
        assertEquals("Table 'ref.nope' does not exist", r.error());
    }

    @Test
    void emptyFileLoadsZeroOfZero() {
        JsonNode job = jobs.run(fileLoad(table("empty"), TestFiles.write(files, "empty.csv", "")));
        assertEquals("COMPLETE", job.get("status").asText());
        assertEquals("successfully loaded 0 of 0 records", job.get("message").asText());
    }

    @Test
    void directoryIsRefusedBeforeTheJob() throws Exception {
        Path dir = Files.createDirectories(files.resolve("a-dir"));
        ApiClient.Response r = admin.post(fileLoad(table("dir"), dir));
        assertEquals(400, r.status(), r::toString);
        assertEquals("'" + dir + "' is a directory, not a CSV file", r.error());
    }

    @Test
    void fifoIsRefusedBeforeTheJobWithoutBeingOpened() throws Exception {
        Path fifo = files.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        ApiClient.Response r = admin.post(fileLoad(table("fifo"), fifo));
        assertEquals(400, r.status(), r::toString);
        assertEquals("'" + fifo + "' is not a regular file (a FIFO, socket or device cannot be loaded)", r.error());

        Path link = Files.createSymbolicLink(files.resolve("link-to-pipe.csv"), fifo);
        ApiClient.Response viaLink = admin.post(fileLoad("fifo", link));
        assertEquals(400, viaLink.status(), viaLink::toString);
        assertEquals("'" + link + "' is not a regular file (a FIFO, socket or device cannot be loaded)", viaLink.error());
    }

    @Test
    void jsonLookingCellsAreParsed() {
        String t = table("jsonish");
        jobs.run(fileLoad(t, TestFiles.write(files, "j.csv", "id,tags,o\n1,\"[1,2]\",\"{\"\"a\"\":1}\"\n")));
        JsonNode r = admin.ok("{'operation':'search_by_hash','database':'ref','table':'jsonish','hash_values':[1],"
                + "'get_attributes':['tags','o']}").get(0);
        assertEquals("[1,2]", r.get("tags").toString());
        assertEquals("{\"a\":1}", r.get("o").toString());
    }

    @Test
    void manyBatchesLoadEveryRowOnceWithCountsAndProgress() {
        String t = table("dogs");
        Path file = TestFiles.dogs(files, 23_456);
        JsonNode job = jobs.run(fileLoad(t, file));
        assertEquals("successfully loaded 23456 of 23456 records", job.get("message").asText());
        JsonNode progress = job.get("progress");
        assertEquals(23_456, progress.get("rows_written").asLong());
        assertEquals(progress.get("bytes_total").asLong(), progress.get("bytes_read").asLong());
        JsonNode described = admin.ok("{'operation':'describe_table','database':'ref','table':'dogs'}");
        assertEquals(23_456, described.get("record_count").asLong());
        JsonNode dog = admin.ok("{'operation':'search_by_hash','database':'ref','table':'dogs','hash_values':[7],"
                + "'get_attributes':['name','age','adopted','weight_lbs','notes']}").get(0);
        assertEquals("Dog 7", dog.get("name").asText());
        assertTrue(dog.get("age").isNumber());
        assertTrue(dog.get("adopted").isBoolean());
        assertEquals("likes walks, naps and \"treats\" #7", dog.get("notes").asText());
    }

    @Test
    void loadingTheSameFileAgainSkipsEveryRow() {
        String t = table("twice");
        Path file = TestFiles.write(files, "twice.csv", "id,v\n1,a\n2,b\n");
        jobs.run(fileLoad(t, file));
        assertEquals("successfully loaded 0 of 2 records", jobs.run(fileLoad(t, file)).get("message").asText());
    }
}
