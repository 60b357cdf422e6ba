package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every running job carries through its route, whatever its kind: its id, its stored request
 * (no secrets in it), and the counts committed so far. The counts start from the job row, so a job
 * resumed after a restart goes on counting where its last batch committed, and only JobBatches moves
 * them, once a batch has committed.
 */
public class JobRun {
    private final String jobId;
    private final ObjectNode request;
    private Job.Progress resumedFrom;
    private Job.Progress committed;

    public JobRun(Job job) {
        this(job.id(), job.request(), job.progress());
    }

    public JobRun(String jobId, ObjectNode request, Job.Progress committed) {
        this.jobId = jobId;
        this.request = request;
        this.resumedFrom = committed;
        this.committed = committed;
    }

    public String jobId() {
        return jobId;
    }

    public ObjectNode request() {
        return request;
    }

    /** The counts committed when this run started: zero, or where a resumed job had got to. */
    public Job.Progress resumedFrom() {
        return resumedFrom;
    }

    /**
     * A retried job that goes on after the job it retries (retry_job), before its first batch: it counts on
     * from that job's committed counts, as a job resumed after a crash does from its own.
     */
    public void resumeFrom(Job.Progress progress) {
        this.resumedFrom = progress;
        this.committed = progress;
    }

    /** The counts committed so far. */
    public Job.Progress committed() {
        return committed;
    }

    /** Called by JobBatches once a batch has committed these counts. */
    public void committed(Job.Progress progress) {
        this.committed = progress;
    }
}
