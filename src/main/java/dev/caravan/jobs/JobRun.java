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
    private final Job.Progress resumedFrom;
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

    /** The counts committed so far. */
    public Job.Progress committed() {
        return committed;
    }

    /** Called by JobBatches once a batch has committed these counts. */
    public void committed(Job.Progress progress) {
        this.committed = progress;
    }
}
