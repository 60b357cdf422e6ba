package dev.caravan.webhooks;

/**
 * One event on its way to one receiver, as the delivery route takes it off the queue. eventTime orders a
 * job's deliveries in get_job; trusted: the operator's caravan.jobs.webhook-url, not held to the allow-list.
 */
public record WebhookMessage(String eventId, String jobId, String event, long eventTime, CallbackUrl url,
                             boolean trusted, String body) {
    /** Never the whole URL: a record's text may end up in a log line. */
    @Override
    public String toString() {
        return "WebhookMessage[" + event + " of job " + jobId + " to " + url.shown() + "]";
    }
}
