package dev.caravan.jobs;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Cancellation requests and server shutdown, checked by running jobs at each batch boundary. A job
 * stopped for a shutdown ends its current transaction normally instead of being interrupted inside
 * Derby, and resumes after its last committed batch at the next start. A job waiting on its source
 * (a stalled URL, a slow pipe) is not at a batch boundary: its open source is registered here, and a
 * cancel or a shutdown aborts it from the requesting thread, so the read fails with the reason at once.
 */
public class JobControl {
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();
    private final Map<String, Consumer<RuntimeException>> openSources = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /** The server is stopping: running jobs stop at their next batch boundary, or now when reading. */
    public void shutDown() {
        shuttingDown = true;
        openSources.forEach((jobId, abort) -> abort.accept(new JobStoppedException(jobId)));
    }

    public void requestCancel(String jobId) {
        cancelRequested.add(jobId);
        Consumer<RuntimeException> abort = openSources.get(jobId);
        if (abort != null) {
            abort.accept(new JobCancelledException(jobId));
        }
    }

    public boolean cancelRequested(String jobId) {
        return cancelRequested.contains(jobId);
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

    /** The job's source is open: a cancel or a shutdown aborts it with its reason (and at once if one came already). */
    public void sourceOpened(String jobId, Consumer<RuntimeException> abort) {
        openSources.put(jobId, abort);
        try {
            checkpoint(jobId);
        } catch (JobCancelledException | JobStoppedException e) {
            abort.accept(e);
        }
    }

    public void forget(String jobId) {
        cancelRequested.remove(jobId);
        openSources.remove(jobId);
    }
}
