package dev.caravan.webhooks;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.StaticService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;

/**
 * Webhook deliveries since start, in JMX (org.apache.camel:context=caravan,type=services,name=WebhookCounts):
 * events delivered, attempts that failed, events given up after their last attempt, and events dropped
 * because the delivery queue was full.
 */
@ManagedResource(description = "Job webhook deliveries since start")
public final class WebhookCounts implements StaticService {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    void sent() {
        sent.incrementAndGet();
    }

    void failedAttempt() {
        failedAttempts.incrementAndGet();
    }

    void gaveUp() {
        gaveUp.incrementAndGet();
    }

    long dropped() {
        return dropped.incrementAndGet();
    }

    @ManagedAttribute(description = "Events a receiver accepted (a 2xx answer)")
    public long getSent() {
        return sent.get();
    }

    @ManagedAttribute(description = "Delivery attempts that failed (an error, a timeout or a non-2xx answer)")
    public long getFailedAttempts() {
        return failedAttempts.get();
    }

    @ManagedAttribute(description = "Events given up after their last attempt")
    public long getGaveUp() {
        return gaveUp.get();
    }

    @ManagedAttribute(description = "Events dropped because the delivery queue was full")
    public long getDropped() {
        return dropped.get();
    }

    @Override
    public void start() {
        // nothing to start: a service for its JMX attributes
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
