package dev.caravan.jobs;

/** Thrown between batches when a job was asked to stop. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException(String jobId) {
        super("job " + jobId + " was cancelled");
    }
}
