package dev.caravan.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jobs.Job;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each job's callback goes. A callback_url without a query string is kept in the job's stored
 * request; one with a query string (which may carry a token) is kept there without it, and whole in this
 * node's memory only, like the job's other secrets (jobs/JobSecrets): the job is pinned to this node, and
 * if the process is gone before the job ends, its callback is not sent (docs/decisions/0016-webhooks.md).
 */
public class CallbackTargets {
    private final Map<String, CallbackUrl> heldHere = new ConcurrentHashMap<>();

    void keep(String jobId, CallbackUrl url) {
        heldHere.put(jobId, url);
    }

    /** Whether this node holds the job's callback URL in memory: then only this node may run the job. */
    public boolean holds(String jobId) {
        return heldHere.containsKey(jobId);
    }

    void forget(String jobId) {
        heldHere.remove(jobId);
    }

    /** The job's callback, whole; empty when it has none, or when its query string was held elsewhere. */
    Optional<CallbackUrl> of(Job job) {
        CallbackUrl held = heldHere.get(job.id());
        if (held != null) {
            return Optional.of(held);
        }
        JsonNode stored = job.request() == null ? null : job.request().get(CallbackUrl.FIELD);
        if (stored != null && stored.isTextual() && CallbackUrl.isWhole(stored.textValue())) {
            return Optional.of(CallbackUrl.parse(stored.textValue(), CallbackUrl.FIELD));
        }
        return Optional.empty();
    }

    /** Whether the job had a callback whose query string this node never held. */
    static boolean heldElsewhere(Job job) {
        JsonNode stored = job.request() == null ? null : job.request().get(CallbackUrl.FIELD);
        return stored != null && stored.isTextual() && !CallbackUrl.isWhole(stored.textValue());
    }
}
