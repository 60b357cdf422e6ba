package dev.caravan.jobs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancellation requests and server shutdown, checked by running jobs at each batch boundary. A job
 * stopped for a shutdown ends its current transaction normally instead of being interrupted inside
 * Derby, and resumes after its last committed batch at the next start.
 */
public class JobControl {
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    /** The server is stopping: running jobs stop at their next batch boundary. */
    public void shutDown() {
        shuttingDown = true;
    }

    public void requestCancel(String jobId) {
        cancelRequested.add(jobId);
    }

    /** Throws when the job should stop now. */
    public void checkpoint(String jobId) {
        if (cancelRequested.contains(jobId)) {
            throw new JobCancelledException(jobId);
        }
        if (shuttingDown) {
            throw new JobStoppedException(jobId);
        }
    }

    public void forget(String jobId) {
        cancelRequested.remove(jobId);
    }
}
