package dev.caravan.jobs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Cancellation requests, checked by running jobs at each batch boundary. */
public class JobControl {
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();

    public void requestCancel(String jobId) {
        cancelRequested.add(jobId);
    }

    public boolean isCancelRequested(String jobId) {
        return cancelRequested.contains(jobId);
    }

    /** Throws when the job should stop now. */
    public void checkpoint(String jobId) {
        if (cancelRequested.contains(jobId)) {
            throw new JobCancelledException(jobId);
        }
    }

    public void forget(String jobId) {
        cancelRequested.remove(jobId);
    }
}
