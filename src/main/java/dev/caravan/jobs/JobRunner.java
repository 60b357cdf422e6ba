package dev.caravan.jobs;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a job taken from the queue runs here: it still runs (it may have been cancelled while
 * queued) and this node claims it (JobLeases: no other node holds it, nor another worker here).
 */
public class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore jobs;
    private final JobSecrets secrets;
    private final JobLeases leases;
    private final JobMonitor monitor;

    public JobRunner(JobStore jobs, JobSecrets secrets, JobLeases leases, JobMonitor monitor) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.leases = leases;
        this.monitor = monitor;
    }

    public boolean claim(@ExchangeProperty(JobHeaders.JOB_ID) String jobId) {
        boolean runs = jobs.find(jobId).map(j -> !j.isFinished()).orElse(false);
        if (!runs) {
            secrets.forget(jobId); // cancelled while queued: its keys go now, not at the next restart
            leases.release(jobId); // if this node's poller had claimed it from the job table
            return false;
        }
        if (!leases.take(jobId)) {
            // a worker here or another node has it (it reached the queue from its submit and the job table)
            LOG.info("Job {} is not run by this worker: node {} holds it", jobId, leases.owner(jobId));
            monitor.dequeued();
            return false;
        }
        return true;
    }
}
