package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.caravan.formats.RowProblem;
import dev.caravan.formats.RowReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rejects file and its side file: only failed rows with text, and cut back to what a job committed. */
class RejectsFileTest {
    @TempDir
    Path dir;

    private static RowProblem failed(long row, String raw) {
        return new RowProblem(row, row + 1, null, "age", "x", raw, RowReason.NOT_CASTABLE, "age \"x\" is no Int");
    }

    private String text(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    @Test
    void failedRowsWithTextAreWrittenAndNotesAndSkipsAreNot() throws IOException {
        Path path = dir.resolve("r.csv");
        try (RejectsFile file = RejectsFile.open(path, "id,age", 0, 0)) {
            RowProblem note = new RowProblem(2, 3L, null, "cell 3", "z", "2,5,z", RowReason.EXTRA_FIELDS, "dropped");
            RowProblem noText = new RowProblem(4, 5L, null, null, null, null, RowReason.MALFORMED_JSON, "broken");
            file.append(List.of(failed(1, "1,x"), note, failed(3, "3,\"y\nz\""), noText));
        }
        assertEquals("id,age\n1,x\n3,\"y\nz\"\n", text(path));
        assertEquals("source_row,source_line,reason,message\n1,2,not_castable,\"age \"\"x\"\" is no Int\"\n"
                + "3,4,not_castable,\"age \"\"x\"\" is no Int\"\n", text(dir.resolve("r.csv.rows.csv")));
    }

    @Test
    void aResumedJobCutsBothFilesBackToWhatItCommitted() throws IOException {
        Path path = dir.resolve("r.ndjson");
        long bytes;
        long indexBytes;
        try (RejectsFile file = RejectsFile.open(path, null, 0, 0)) {
            file.append(List.of(failed(1, "{\"id\":1}")));
            bytes = file.bytes(); // what the first batch committed
            indexBytes = file.indexBytes();
            file.append(List.of(failed(7, "{\"id\":7}"))); // a batch that never committed
        }
        try (RejectsFile resumed = RejectsFile.open(path, null, bytes, indexBytes)) {
            resumed.append(List.of(failed(8, "{\"id\":8}")));
        }
        assertEquals("{\"id\":1}\n{\"id\":8}\n", text(path));
        List<String> index = Files.readAllLines(dir.resolve("r.ndjson.rows.csv"), StandardCharsets.UTF_8);
        assertEquals(List.of("1", "8"), List.of(index.get(1).split(",")[0], index.get(2).split(",")[0]));
        assertEquals(3, index.size());
    }

    @Test
    void aNewJobStartsTheFilesAfresh() throws IOException {
        Path path = dir.resolve("r.csv");
        Files.writeString(path, "left over from an earlier load\n");
        try (RejectsFile file = RejectsFile.open(path, "id", 0, 0)) {
            file.append(List.of());
        }
        assertEquals("id\n", text(path));
    }
}
