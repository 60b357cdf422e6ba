package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent partial loads (issue 8, point 4): a file that is truncated while it loads, or replaced or
 * rewritten between a crash and the resume, ends the job ERROR saying so, and the job's counts are what
 * the table holds. Batches of 1,000 rows make the first progress show long before the end of the file.
 */
class SourceChangeIT {
    private static final int ROWS = 300_000;
    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_WORKERS", "1", "CARAVAN_JOB_BATCH_SIZE", "1000"));

    @BeforeAll
    static void createFixtures() {
        caravan.admin().ok("{'operation':'create_database','database':'ref'}");
    }

    private static Jobs jobs() {
        return new Jobs(caravan.admin());
    }

    private static String fileLoad(String name, Path file) {
        caravan.admin().ok("{'operation':'create_table','database':'ref','table':'" + name + "','primary_key':'id'}");
        return jobs().submit("{'operation':'csv_file_load','database':'ref','table':'" + name + "','file_path':'"
                + file + "'}");
    }

    private static void awaitRowsWritten(String id, long atLeast) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                .until(() -> jobs().get(id), j -> j.path("progress").path("rows_written").asLong() >= atLeast);
    }

    private static long recordCount(String table) {
        return caravan.admin().ok("{'operation':'describe_table','database':'ref','table':'" + table + "'}")
                .get("record_count").asLong();
    }

    private static Path copyOfDogs(String name) throws IOException {
        return Files.copy(TestFiles.dogs(files, ROWS), files.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static long newlines(Path file) throws IOException {
        long count = 0;
        for (byte b : Files.readAllBytes(file)) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Waits for the job, which must end ERROR with counts that are what the table holds; returns it. */
    private static JsonNode awaitError(String id, String table) {
        JsonNode done = jobs().await(id);
        assertEquals("ERROR", done.get("status").asText(), done::toString);
        assertEquals(done.get("progress").get("rows_written").asLong(), recordCount(table), done::toString);
        return done;
    }

    @Test
    void fileTruncatedWhileItLoadsEndsInError() throws IOException {
        Path file = copyOfDogs("truncated.csv");
        long size = Files.size(file);
        String id = fileLoad("truncated", file);
        awaitRowsWritten(id, 1);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size / 2);
        }
        String message = awaitError(id, "truncated").get("message").asText();
        assertTrue(message.startsWith("The file '" + file + "' ended after " + size / 2 + " of its " + size
                + " bytes: it was truncated or replaced while it was loaded"), message);
        long wholeRowsLeft = newlines(file) - 1; // the truncated file, without its header
        assertTrue(recordCount("truncated") <= wholeRowsLeft, "no row after the cut was loaded");
    }

    @Test
    void fileReplacedBetweenACrashAndTheResumeIsNotResumed() throws IOException {
        Path file = copyOfDogs("replaced.csv");
        String id = fileLoad("replaced", file);
        awaitRowsWritten(id, 20_000);
        caravan.process().kill();
        Path other = TestFiles.write(files, "other.csv", "id,name\n1,Only\n2,Two\n");
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
        caravan.process().start();

        JsonNode done = awaitError(id, "replaced");
        String message = done.get("message").asText();
        long committed = done.get("progress").get("rows_written").asLong();
        assertTrue(message.startsWith("The source changed since the job started: The file '" + file + "': size "),
                message);
        assertTrue(message.endsWith("(" + committed + " records were committed before the failure)"), message);
        assertTrue(committed >= 20_000 && committed < ROWS, message);
    }

    @Test
    void fileRewrittenInPlaceWithItsSizeAndTimeKeptIsNotResumed() throws IOException {
        Path file = copyOfDogs("rewritten.csv");
        FileTime modified = Files.getLastModifiedTime(file);
        String id = fileLoad("rewritten", file);
        awaitRowsWritten(id, 20_000);
        caravan.process().kill();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(60); // inside the first row, long before the last checkpoint: same size, other bytes
            raf.write("Cat".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(file, modified);
        caravan.process().start();

        String message = awaitError(id, "rewritten").get("message").asText();
        assertTrue(message.startsWith("The source changed since the job started: The file '" + file
                + "' does not hold the same bytes up to the last committed batch"), message);
    }
}
