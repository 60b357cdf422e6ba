package dev.caravan.webhooks;

import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job's start and end into webhook events, one per receiver: the operator's
 * caravan.jobs.webhook-url, and the job's callback_url. Runs on the job's thread, so it only builds the
 * event and queues it (WebhookQueue).
 */
public class JobWebhooks implements JobLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(JobWebhooks.class);

    private final Optional<CallbackUrl> operatorUrl;
    private final CallbackTargets callbacks;
    private final WebhookQueue queue;
    private final WebhookAttempts attempts;
    private final EventOrder order;

    public JobWebhooks(Optional<CallbackUrl> operatorUrl, CallbackTargets callbacks, WebhookQueue queue,
                       WebhookAttempts attempts) {
        this(operatorUrl, callbacks, queue, attempts, new EventOrder());
    }

    JobWebhooks(Optional<CallbackUrl> operatorUrl, CallbackTargets callbacks, WebhookQueue queue,
                WebhookAttempts attempts, EventOrder order) {
        this.operatorUrl = operatorUrl;
        this.callbacks = callbacks;
        this.queue = queue;
        this.attempts = attempts;
        this.order = order;
    }

    /** Where a delivery ended: an end event held behind it goes now. */
    EventOrder order() {
        return order;
    }

    @Override
    public void started(Job job) {
        List<WebhookMessage> messages = messages(WebhookEvent.STARTED, job);
        if (!messages.isEmpty()) {
            attempts.watch(job.id());
        }
        for (WebhookMessage m : messages) {
            order.starting(m);
            if (!queue.offer(m)) {
                order.notQueued(m);
            }
        }
    }

    @Override
    public void ended(Job job) {
        List<WebhookMessage> messages = messages(WebhookEvent.ofEnd(job), job);
        attempts.unwatch(job.id());
        callbacks.forget(job.id());
        for (WebhookMessage m : messages) {
            order.ending(m, () -> queue.offer(m));
        }
    }

    private List<WebhookMessage> messages(String event, Job job) {
        List<WebhookMessage> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        operatorUrl.ifPresent(url -> out.add(message(event, job, url, true, now)));
        Optional<CallbackUrl> callback = callbacks.of(job);
        if (callback.isPresent()) {
            out.add(message(event, job, callback.get(), false, now));
        } else if (CallbackTargets.heldElsewhere(job)) {
            LOG.warn("Job {}: its callback_url was held in the memory of the process that accepted the job,"
                    + " which is gone; the {} event is not sent to it", job.id(), event);
        }
        return out;
    }

    private static WebhookMessage message(String event, Job job, CallbackUrl url, boolean trusted, long now) {
        String eventId = UUID.randomUUID().toString();
        return new WebhookMessage(eventId, job.id(), event, now, url, trusted,
                HarperJson.write(WebhookEvent.of(event, eventId, job)));
    }
}
