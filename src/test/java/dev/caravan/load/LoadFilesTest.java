package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStatus;
import dev.caravan.jobs.RowOutcomes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a finished load owns: its spooled upload, and its rejects files while they are as it left them. */
class LoadFilesTest {
    private static final long ENDED = 1_700_000_000_000L;
    @TempDir
    Path dir;

    private Job load(String type, ObjectNode request, long rejectsBytes, long indexBytes) {
        RowOutcomes outcomes = new RowOutcomes(0, 0, 0, 0, 0, Map.of(), 0, HarperJson.array(), rejectsBytes, indexBytes);
        return new Job("j1", type, "ann", 1, 1, ENDED, JobStatus.ERROR, null, null, request, JobPhase.DONE,
                new Job.Progress(0, 0, 0, 0, 0, null, outcomes), false, false);
    }

    private Path file(String name, int bytes, long modified) throws IOException {
        Path file = Files.write(dir.resolve(name), new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
        return file;
    }

    @Test
    void aDataLoadOwnsItsSpoolFile() throws IOException {
        Path spool = file("j1.csv", 10, ENDED);
        assertEquals(List.of(spool), new LoadFiles(dir).of(load("csv_data_load", HarperJson.object(), 0, 0)));
        assertEquals(List.of(), new LoadFiles(dir).of(load("csv_file_load", HarperJson.object(), 0, 0)),
                "another load's source is never the spool's");
    }

    @Test
    void rejectsFilesAsTheJobLeftThemAreItsOwn() throws IOException {
        Path rejects = file("r.csv", 30, ENDED - 1000);
        Path index = file("r.csv" + LoadOptions.REJECTS_INDEX_SUFFIX, 50, ENDED);
        Job job = load("csv_file_load", HarperJson.object().put("rejects_path", rejects.toString()), 30, 50);
        assertEquals(List.of(rejects, index), new LoadFiles(dir).of(job));
    }

    @Test
    void rejectsFilesChangedSinceAreNot() throws IOException {
        Path rejects = file("r.csv", 30, ENDED);
        file("r.csv" + LoadOptions.REJECTS_INDEX_SUFFIX, 50, ENDED);
        ObjectNode request = HarperJson.object().put("rejects_path", rejects.toString());
        assertEquals(List.of(), new LoadFiles(dir).of(load("csv_file_load", request, 20, 50)), "another length");
        Files.setLastModifiedTime(rejects, FileTime.fromMillis(ENDED + 60_000));
        assertEquals(List.of(), new LoadFiles(dir).of(load("csv_file_load", request, 30, 50)), "written after the end");
    }

    @Test
    void aJobWithoutAStoredRequestOwnsOnlyItsSpool() {
        assertEquals(List.of(), new LoadFiles(dir).of(load("csv_url_load", null, 0, 0)));
    }
}
