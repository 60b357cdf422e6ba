package dev.caravan.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.StaticService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job retention (routes/jobs/job-retention.camel.yaml): finished jobs that ended longer than
 * caravan.jobs.retention ago go, with what delete_job removes (JobDeletion), oldest first, a bounded batch
 * per transaction, so a backlog of old jobs never makes one large transaction nor holds the job table. Each
 * deletion is conditional (JobDeletion), so on a shared database every node may purge at once: a job goes
 * once. There a node purges only jobs that any node may run and those pinned to itself, since a pinned job's
 * files are on its node's disk. What each run removed is logged and added up in JMX
 * (org.apache.camel:context=caravan,type=services,name=JobRetention).
 */
@ManagedResource(description = "Caravan job retention: finished jobs removed after caravan.jobs.retention")
public class JobRetention implements StaticService {
    private static final Logger LOG = LoggerFactory.getLogger(JobRetention.class);

    private final JobStore jobs;
    private final JobDeletion deletion;
    private final Optional<Duration> period;
    private final int batchSize;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong jobsRemoved = new AtomicLong();
    private final AtomicLong keptRowsRemoved = new AtomicLong();
    private final AtomicLong filesRemoved = new AtomicLong();
    private final AtomicLong bytesRemoved = new AtomicLong();

    public JobRetention(JobStore jobs, JobDeletion deletion, Optional<Duration> period, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("caravan.jobs.retention-batch must be at least 1");
        }
        this.jobs = jobs;
        this.deletion = deletion;
        this.period = period;
        this.batchSize = batchSize;
    }

    /** One run: every finished job that ended before now minus the period, batch by batch. */
    public JobDeletion.Removed purge() {
        if (period.isEmpty()) {
            return JobDeletion.Removed.NONE;
        }
        long cutoff = System.currentTimeMillis() - period.get().toMillis();
        JobDeletion.Removed total = JobDeletion.Removed.NONE;
        while (true) {
            List<Job> batch = jobs.endedBefore(cutoff, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            JobDeletion.Removed removed = deletion.delete(batch);
            count(removed);
            total = total.plus(removed);
            if (batch.size() < batchSize || removed.jobs() == 0) {
                break;
            }
        }
        runs.incrementAndGet();
        if (total.jobs() > 0) {
            LOG.info("Job retention removed {} jobs that ended before {}: {} rows kept for them, {} files ({} bytes)",
                    total.jobs(), Instant.ofEpochMilli(cutoff), total.keptRows(), total.files(), total.bytes());
        }
        return total;
    }

    private void count(JobDeletion.Removed removed) {
        jobsRemoved.addAndGet(removed.jobs());
        keptRowsRemoved.addAndGet(removed.keptRows());
        filesRemoved.addAndGet(removed.files());
        bytesRemoved.addAndGet(removed.bytes());
    }

    @ManagedAttribute(description = "Finished jobs removed since start")
    public long getJobsRemoved() {
        return jobsRemoved.get();
    }

    @ManagedAttribute(description = "Rows kept for those jobs (row errors, webhook attempts, idempotency keys) removed with them since start")
    public long getKeptRowsRemoved() {
        return keptRowsRemoved.get();
    }

    @ManagedAttribute(description = "Files the removed jobs owned (spool, part and rejects files) removed since start")
    public long getFilesRemoved() {
        return filesRemoved.get();
    }

    @ManagedAttribute(description = "Bytes of those files")
    public long getBytesRemoved() {
        return bytesRemoved.get();
    }

    @ManagedAttribute(description = "Retention runs since start")
    public long getRuns() {
        return runs.get();
    }

    @ManagedAttribute(description = "How long a finished job is kept (ISO-8601), or 0: forever")
    public String getRetention() {
        return period.map(Duration::toString).orElse("0");
    }

    @Override
    public void start() {
        // counters only: nothing to start
    }

    @Override
    public void stop() {
        // nothing to release
    }
}
