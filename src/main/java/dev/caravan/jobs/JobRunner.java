package dev.caravan.jobs;

import org.apache.camel.ExchangeProperty;

/** Decides whether a job taken from the queue still runs (it may have been cancelled while queued). */
public class JobRunner {
    private final JobStore jobs;

    public JobRunner(JobStore jobs) {
        this.jobs = jobs;
    }

    public boolean claim(@ExchangeProperty(JobHeaders.JOB_ID) String jobId) {
        return jobs.find(jobId).map(j -> !j.isFinished()).orElse(false);
    }
}
