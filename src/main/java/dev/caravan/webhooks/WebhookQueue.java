package dev.caravan.webhooks;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an event to the delivery route (routes/jobs/job-webhooks.camel.yaml) without waiting: on the
 * job's own thread this is all a webhook costs. A full queue drops the event with a counted warning
 * rather than block the job.
 */
public class WebhookQueue {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookQueue.class);
    public static final String ENDPOINT = "seda:job-webhooks";

    private final CamelContext context;
    private final String uri;
    private final WebhookCounts counts;
    private ProducerTemplate producer;

    public WebhookQueue(CamelContext context, int size, WebhookCounts counts) {
        this.context = context;
        this.uri = ENDPOINT + "?size=" + size; // the route's consumer names the same size: one queue
        this.counts = counts;
    }

    /** Created on first use, once Camel runs (as JobSubmitter's). */
    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }

    /** Queues the message; false when it was dropped. */
    boolean offer(WebhookMessage message) {
        Exception failure;
        try {
            Endpoint endpoint = context.getEndpoint(uri);
            Exchange sent = producer().send(endpoint, ExchangePattern.InOnly, exchange -> exchange.getIn().setBody(message));
            failure = sent.getException();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure == null) {
            return true;
        }
        long dropped = counts.dropped();
        LOG.warn("Webhook {} of job {} to {} dropped: the delivery queue is full ({} dropped since start)",
                message.event(), message.jobId(), message.url().shown(), dropped);
        return false;
    }
}
