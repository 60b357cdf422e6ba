package dev.caravan.jobs;

/** Thrown between batches when the server is shutting down: the job stays IN_PROGRESS and resumes at the next start. */
public class JobStoppedException extends RuntimeException {
    public JobStoppedException(String jobId) {
        super("job " + jobId + " stopped for a server shutdown; it resumes at the next start");
    }
}
