package dev.caravan.webhooks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a job's end event behind its started event for the same receiver: the route sends events on
 * several threads and retries them later, so without this a short job's "completed" could overtake its
 * "started". An end event whose started event is still being delivered (or retried) is handed on when
 * that delivery ends, delivered or given up; nobody waits.
 */
class EventOrder {
    private static final Runnable NONE = () -> { };
    /** Started events being delivered, by job and receiver, with the end event to send after each. */
    private final Map<String, Runnable> startedInFlight = new ConcurrentHashMap<>();

    private static String key(WebhookMessage m) {
        return m.jobId() + " " + m.url().target();
    }

    /** A started event is about to be queued. */
    void starting(WebhookMessage started) {
        startedInFlight.put(key(started), NONE);
    }

    /** The started event was not queued after all (the queue was full). */
    void notQueued(WebhookMessage started) {
        startedInFlight.remove(key(started));
    }

    /** Queues the end event now, or once its started event's delivery has ended. */
    void ending(WebhookMessage end, Runnable queue) {
        boolean[] now = {false};
        startedInFlight.compute(key(end), (k, pending) -> {
            if (pending == null) {
                now[0] = true;
                return null;
            }
            return queue;
        });
        if (now[0]) {
            queue.run();
        }
    }

    /** A delivery ended: if it was a started event, what waited behind it goes now. */
    void finished(WebhookMessage m) {
        if (!WebhookEvent.STARTED.equals(m.event())) {
            return;
        }
        Runnable next = startedInFlight.remove(key(m));
        if (next != null) {
            next.run();
        }
    }
}
