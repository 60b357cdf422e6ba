package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished jobs: delete_job (Caravan's, compatibility C23) and the job retention (JobRetention).
 * A job's row and the rows kept for it (its row errors, its idempotency key, its load history) go in one
 * transaction, a batch of jobs in one; then the files the job owns (JobFiles). Each row is deleted only
 * if it is still there and finished, so two nodes purging one shared job table delete each job once, and
 * only the node whose delete took the row removes its files.
 */
public class JobDeletion {
    private static final Logger LOG = LoggerFactory.getLogger(JobDeletion.class);

    private final Store store;
    private final JobStore jobs;
    private final JobActions actions;
    private final List<JobFiles> files = new CopyOnWriteArrayList<>();

    /** What a deletion removed. */
    public record Removed(long jobs, long keptRows, long files, long bytes) {
        public static final Removed NONE = new Removed(0, 0, 0, 0);

        Removed plus(Removed other) {
            return new Removed(jobs + other.jobs, keptRows + other.keptRows, files + other.files, bytes + other.bytes);
        }
    }

    public JobDeletion(Store store, JobStore jobs, JobActions actions) {
        this.store = store;
        this.jobs = jobs;
        this.actions = actions;
    }

    /** Registers the files a kind of job leaves, to be removed with it. */
    public void alsoRemoveFiles(JobFiles jobFiles) {
        files.add(jobFiles);
    }

    public void register(OperationRegistry registry) {
        registry.register("delete_job", this::deleteJob);
    }

    private JsonNode deleteJob(OperationRequest request) {
        Job job = actions.jobToActOn(request, "delete");
        if (!job.isFinished()) {
            throw HarperException.badRequest("Job " + job.id() + " is still in progress; cancel it (cancel_job) and"
                    + " delete it once it has ended");
        }
        Removed removed = delete(List.of(job));
        if (removed.jobs() == 0) {
            throw HarperException.notFound("Job '" + job.id() + "' not found"); // deleted meanwhile
        }
        LOG.info("Deleted job {} ({}): {} rows kept for it, {} files ({} bytes)", job.id(), job.type(), removed.keptRows(),
                removed.files(), removed.bytes());
        return HarperJson.message("Deleted job " + job.id());
    }

    /** Deletes these finished jobs (those still there) in one transaction, then their files. */
    public Removed delete(List<Job> finished) {
        Map<Job, List<Path>> owned = new LinkedHashMap<>();
        for (Job job : finished) {
            owned.put(job, filesOf(job));
        }
        List<Job> deleted = new ArrayList<>();
        long keptRows = store.inTransaction(c -> {
            long rows = 0;
            for (Job job : finished) {
                OptionalLong dependents = jobs.deleteFinished(c, job.id());
                if (dependents.isPresent()) {
                    deleted.add(job);
                    rows += dependents.getAsLong();
                }
            }
            return rows;
        });
        Removed removed = new Removed(deleted.size(), keptRows, 0, 0);
        for (Job job : deleted) {
            removed = removed.plus(removeFiles(job, owned.get(job)));
        }
        return removed;
    }

    private List<Path> filesOf(Job job) {
        List<Path> all = new ArrayList<>();
        for (JobFiles kind : files) {
            try {
                all.addAll(kind.of(job));
            } catch (RuntimeException e) {
                LOG.warn("Job {}: cannot list its files: {}", job.id(), e.toString());
            }
        }
        return all;
    }

    /** A file that cannot be removed is left (and said): the job's row is gone either way. */
    private static Removed removeFiles(Job job, List<Path> owned) {
        long count = 0;
        long bytes = 0;
        for (Path file : owned) {
            try {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long size = Files.size(file);
                if (Files.deleteIfExists(file)) {
                    count++;
                    bytes += size;
                }
            } catch (IOException e) {
                LOG.warn("Job {}: cannot remove its file {}: {}", job.id(), file, e.toString());
            }
        }
        return new Removed(0, 0, count, bytes);
    }
}
