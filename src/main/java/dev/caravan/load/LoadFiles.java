package dev.caravan.load;

import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobFiles;
import dev.caravan.jobs.RowOutcomes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files a finished load owns (jobs/JobDeletion): a csv_data_load's spooled upload, kept after a failure
 * for retry_job (RecordLoad), and its rejects file with the index beside it while they are still the ones
 * the job wrote: as long as the job committed them and not changed after it ended (a later load given the
 * same rejects_path, or a retry going on after it, has written them since; a user's edit too). Never the
 * load's source.
 */
public class LoadFiles implements JobFiles {
    static final Set<String> LOADS = Set.of("csv_data_load", "csv_file_load", "csv_url_load", "import_from_s3");
    /** A file's last write may come a moment after the job row says it ended. */
    private static final long END_SLACK_MILLIS = 2000;

    private final Path spoolDir;

    public LoadFiles(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    @Override
    public List<Path> of(Job job) {
        List<Path> owned = new ArrayList<>();
        if ("csv_data_load".equals(job.type())) {
            Path spool = CsvDataLoad.spoolFile(spoolDir, job.id());
            if (Files.isRegularFile(spool, LinkOption.NOFOLLOW_LINKS)) {
                owned.add(spool);
            }
        }
        if (LOADS.contains(job.type()) && job.request() != null && job.request().hasNonNull("rejects_path")) {
            owned.addAll(rejectsFiles(job, Path.of(job.request().get("rejects_path").asText())));
        }
        return owned;
    }

    /** The rejects file and its index, if both are as the job left them. */
    static List<Path> rejectsFiles(Job job, Path rejects) {
        Path index = rejects.resolveSibling(rejects.getFileName() + LoadOptions.REJECTS_INDEX_SUFFIX);
        RowOutcomes committed = job.progress().outcomesOrNone();
        if (job.endDatetime() == null || !asLeft(rejects, committed.rejectsBytes(), job.endDatetime())
                || !asLeft(index, committed.rejectsIndexBytes(), job.endDatetime())) {
            return List.of();
        }
        return List.of(rejects, index);
    }

    private static boolean asLeft(Path file, long committedBytes, long endedAt) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == committedBytes
                    && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() <= endedAt + END_SLACK_MILLIS;
        } catch (IOException e) {
            return false;
        }
    }
}
