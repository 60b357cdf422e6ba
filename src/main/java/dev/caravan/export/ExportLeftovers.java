package dev.caravan.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a finished export owns (jobs/JobDeletion): an export_local's hidden part files
 * (".&lt;name&gt;.&lt;job id&gt;.part" in the target's folder) and an upload's spool file
 * ("export-&lt;job id&gt;.&lt;extension&gt;"), which a run normally removes itself and a crash leaves. Never the
 * published result: it has the user's name, not the job's.
 */
public class ExportLeftovers implements JobFiles {
    private final Path spoolDir;

    public ExportLeftovers(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    @Override
    public List<Path> of(Job job) {
        List<Path> owned = new ArrayList<>();
        if ("export_local".equals(job.type()) && job.request() != null && job.request().hasNonNull("path")) {
            owned.addAll(partFiles(job.request(), job.id()));
        }
        if ("export_to_s3".equals(job.type())) {
            owned.addAll(named(spoolDir, name -> name.startsWith("export-" + job.id() + ".")));
        }
        return owned;
    }

    /**
     * An export_local's hidden part files. The name holds the target's, which without a filename is the
     * epoch ms of its run, so every part file of the job in the target's folder is one.
     */
    static List<Path> partFiles(ObjectNode storedRequest, String jobId) {
        Path folder = Path.of(storedRequest.path("path").asText());
        if (storedRequest.hasNonNull("filename")) {
            Path parent = folder.resolve(storedRequest.get("filename").asText()).getParent();
            folder = parent != null ? parent : folder;
        }
        return named(folder, name -> name.startsWith(".") && name.endsWith("." + jobId + ".part"));
    }

    private static List<Path> named(Path folder, java.util.function.Predicate<String> owned) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> owned.test(f.getFileName().toString()) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
