package dev.caravan.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets a job needs while it runs (passthrough auth headers, S3 keys), held in memory only
 * (compatibility C3): never in the job row, never logged. A job whose secrets are lost with the process
 * cannot resume after a crash.
 */
public class JobSecrets {
    private final Map<String, Map<String, String>> byJob = new ConcurrentHashMap<>();

    public void keep(String jobId, Map<String, String> secrets) {
        byJob.put(jobId, Map.copyOf(secrets));
    }

    /** The job's secrets, handed over once: the holder forgets them. */
    public Map<String, String> take(String jobId) {
        Map<String, String> secrets = byJob.remove(jobId);
        return secrets == null ? Map.of() : secrets;
    }

    /** Whether this node holds secrets for the job: then no other node can run it (JobPinning). */
    public boolean holds(String jobId) {
        Map<String, String> secrets = byJob.get(jobId);
        return secrets != null && !secrets.isEmpty();
    }

    /** Drops whatever the job did not take: it ended (or was cancelled) before its route needed them. */
    public void forget(String jobId) {
        byJob.remove(jobId);
    }
}
