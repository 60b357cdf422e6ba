package dev.caravan.jobs;

import org.apache.camel.ExchangeProperty;

/** Decides whether a job taken from the queue still runs (it may have been cancelled while queued). */
public class JobRunner {
    private final JobStore jobs;
    private final JobSecrets secrets;

    public JobRunner(JobStore jobs, JobSecrets secrets) {
        this.jobs = jobs;
        this.secrets = secrets;
    }

    public boolean claim(@ExchangeProperty(JobHeaders.JOB_ID) String jobId) {
        boolean runs = jobs.find(jobId).map(j -> !j.isFinished()).orElse(false);
        if (!runs) {
            secrets.forget(jobId); // cancelled while queued: its keys go now, not at the next restart
        }
        return runs;
    }
}
