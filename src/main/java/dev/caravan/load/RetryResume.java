package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobRetry;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.RowErrorStore;
import dev.caravan.store.Store;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a load started by retry_job begins (jobs/JobRetry): when it first opens its source and finds it
 * the same, by its identity, as the source the retried job recorded (SourceGuard's check of a resume after a
 * crash: size, modification time and file key; length, ETag and Last-Modified), it goes on after that job's
 * last committed batch: it takes that job's counts, source checkpoint and row errors in one transaction, and
 * its reading must match the checkpoint's bytes. A source that changed, or one of which the retried job
 * recorded nothing, is loaded from the start.
 */
public class RetryResume {
    private static final Logger LOG = LoggerFactory.getLogger(RetryResume.class);

    private final Store store;
    private final JobStore jobs;
    private final JobSources sources;
    private final RowErrorStore rowErrors;

    public RetryResume(Store store, JobStore jobs, JobSources sources, RowErrorStore rowErrors) {
        this.store = store;
        this.jobs = jobs;
        this.sources = sources;
        this.rowErrors = rowErrors;
    }

    /** The retried job's checkpoint when this job may go on after it; empty: it starts from the start. */
    Optional<SourceCheckpoint> goOnAfterRetried(LoadContext load, SourceIdentity opened) {
        ObjectNode request = load.request();
        String retried = request.path(JobRetry.RETRY_OF).asText(null);
        if (retried == null || request.path("dry_run").asBoolean(false) || load.resumedFrom().rowsRead() > 0) {
            return Optional.empty(); // not a retry; a dry run keeps nothing to go on from
        }
        Optional<Job> old = jobs.find(retried);
        Optional<JobSources.Recorded> recorded = sources.find(retried);
        if (old.isEmpty() || recorded.isEmpty() || recorded.get().identity() == null
                || old.get().progress().rowsRead() == 0) {
            return Optional.empty();
        }
        String changes = opened.changesSince(SourceIdentity.fromJson(recorded.get().identity()));
        if (changes != null) {
            LOG.info("Job {} retries job {} from the start: its source changed ({})", load.jobId(), retried, changes);
            return Optional.empty();
        }
        Job.Progress from = old.get().progress();
        ObjectNode resumed = request.deepCopy();
        resumed.put(JobRetry.RESUMED_AFTER_ROWS, from.rowsRead());
        store.inTransaction(c -> {
            jobs.recordProgress(c, load.jobId(), from);
            if (recorded.get().hash() != null) {
                sources.recordHash(c, load.jobId(), recorded.get().hash());
            }
            rowErrors.copyForRetry(c, retried, load.jobId());
            jobs.replaceRequest(c, load.jobId(), resumed);
            return null;
        });
        load.resumeFrom(from);
        LOG.info("Job {} retries job {} after its {} committed rows", load.jobId(), retried, from.rowsRead());
        return recorded.get().hash() == null || recorded.get().bytesRead() == 0 ? Optional.empty()
                : Optional.of(new SourceCheckpoint(recorded.get().bytesRead(), recorded.get().hash()));
    }
}
