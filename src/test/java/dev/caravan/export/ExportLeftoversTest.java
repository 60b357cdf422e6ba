package dev.caravan.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a finished export owns: its hidden part files and its upload spool, never its result. */
class ExportLeftoversTest {
    @TempDir
    Path dir;

    private static Job export(String type, ObjectNode request) {
        return new Job("j1", type, "ann", 1, 1, 2L, JobStatus.ERROR, null, null, request, JobPhase.DONE,
                Job.Progress.NONE, false, false);
    }

    private Set<Path> owned(Job job) {
        return new ExportLeftovers(dir.resolve("spool")).of(job).stream().collect(Collectors.toSet());
    }

    @Test
    void anExportLocalOwnsItsPartFilesNotItsResultNorOtherJobsParts() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path part = Files.createFile(out.resolve(".dogs.json.j1.part"));
        Files.createFile(out.resolve("dogs.json"));
        Files.createFile(out.resolve(".dogs.json.j2.part"));
        ObjectNode request = HarperJson.object().put("path", out.toString()).put("filename", "dogs");
        assertEquals(Set.of(part), owned(export("export_local", request)));
    }

    @Test
    void anExportToS3OwnsItsSpoolFile() throws IOException {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Path file = Files.createFile(spool.resolve("export-j1.csv.gz"));
        Files.createFile(spool.resolve("export-j10.csv"));
        Files.createFile(spool.resolve("j1.csv"));
        assertEquals(Set.of(file), owned(export("export_to_s3", HarperJson.object())));
    }

    @Test
    void noFolderNoFiles() {
        assertEquals(List.of(), new ExportLeftovers(dir.resolve("none")).of(export("export_local",
                HarperJson.object().put("path", dir.resolve("gone").toString()))));
    }
}
