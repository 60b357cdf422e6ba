package dev.caravan.jobs;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a job taken from the queue runs here: it still runs (it may have been cancelled while
 * queued) and this node claims it (JobLeases: no other node holds it).
 */
public class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore jobs;
    private final JobSecrets secrets;
    private final JobLeases leases;

    public JobRunner(JobStore jobs, JobSecrets secrets, JobLeases leases) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.leases = leases;
    }

    public boolean claim(@ExchangeProperty(JobHeaders.JOB_ID) String jobId) {
        boolean runs = jobs.find(jobId).map(j -> !j.isFinished()).orElse(false);
        if (!runs) {
            secrets.forget(jobId); // cancelled while queued: its keys go now, not at the next restart
            return false;
        }
        if (!leases.claim(jobId)) {
            LOG.info("Job {} is not run here: node {} holds it", jobId, leases.owner(jobId));
            return false;
        }
        return true;
    }
}
