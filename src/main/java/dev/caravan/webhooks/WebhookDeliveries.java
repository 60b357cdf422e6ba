package dev.caravan.webhooks;

import dev.caravan.core.RootCause;
import dev.caravan.jobs.SecretUrls;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the delivery route (routes/jobs/job-webhooks.camel.yaml): ready a message for the http
 * component (headers, signature), and record each attempt's outcome in the deliveries table and the
 * counts. Nothing here logs or records a callback's query string.
 */
public class WebhookDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);
    public static final String EVENT_ID_HEADER = "Caravan-Event-Id";
    public static final String EVENT_HEADER = "Caravan-Event";
    /** The message being delivered, and the number of the attempt under way. */
    static final String MESSAGE = "CaravanWebhook";
    static final String ATTEMPT = "CaravanWebhookAttempt";
    static final String TRUSTED = "CaravanWebhookTrusted";

    private final Optional<WebhookSignature> signature;
    private final WebhookAttempts attempts;
    private final WebhookCounts counts;
    private final EventOrder order;

    public WebhookDeliveries(Optional<WebhookSignature> signature, WebhookAttempts attempts, WebhookCounts counts,
                             JobWebhooks webhooks) {
        this.signature = signature;
        this.attempts = attempts;
        this.counts = counts;
        this.order = webhooks.order();
    }

    /** The first step: the message's row, and the HTTP request's URI, headers and body. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        WebhookMessage m = exchange.getIn().getMandatoryBody(WebhookMessage.class);
        exchange.setProperty(MESSAGE, m);
        exchange.setProperty(ATTEMPT, 1);
        exchange.setProperty(TRUSTED, m.trusted());
        attempts.begin(m);
        exchange.getIn().getHeaders().clear();
        exchange.getIn().setHeader(Exchange.HTTP_URI, m.url().target());
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader("User-Agent", "Caravan-Webhooks");
        exchange.getIn().setHeader(EVENT_HEADER, m.event());
        exchange.getIn().setHeader(EVENT_ID_HEADER, m.eventId());
        exchange.getIn().setBody(m.body().getBytes(StandardCharsets.UTF_8));
        sign(exchange);
    }

    /** Signed at each attempt, so its timestamp is the time it is sent. */
    private void sign(Exchange exchange) {
        signature.ifPresent(s -> exchange.getIn().setHeader(WebhookSignature.HEADER,
                s.header(System.currentTimeMillis() / 1000, exchange.getIn().getBody(byte[].class))));
    }

    /** The error handler's onExceptionOccurred: an attempt failed. */
    public void failed(Exchange exchange) {
        WebhookMessage m = exchange.getProperty(MESSAGE, WebhookMessage.class);
        if (m == null) {
            return; // failed before the message was ready: prepare's own failure, handled as given up
        }
        Throwable failure = failure(exchange);
        counts.failedAttempt();
        attempts.attempted(m, exchange.getProperty(ATTEMPT, Integer.class), status(failure), describe(failure, m),
                false);
    }

    /** The error handler's onRedelivery: the next attempt, signed afresh. */
    public void retrying(Exchange exchange) {
        exchange.setProperty(ATTEMPT, exchange.getProperty(ATTEMPT, Integer.class) + 1);
        sign(exchange);
    }

    /** The receiver answered 2xx. */
    public void delivered(Exchange exchange) {
        WebhookMessage m = exchange.getProperty(MESSAGE, WebhookMessage.class);
        counts.sent();
        attempts.attempted(m, exchange.getProperty(ATTEMPT, Integer.class),
                exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class), null, true);
        order.finished(m);
    }

    /** The dead letter step: the last attempt failed too. */
    public void gaveUp(Exchange exchange) {
        WebhookMessage m = exchange.getProperty(MESSAGE, WebhookMessage.class);
        counts.gaveUp();
        if (m == null) {
            LOG.warn("A webhook could not be readied for delivery: {}", describe(failure(exchange), null));
            return;
        }
        Integer attempt = exchange.getProperty(ATTEMPT, Integer.class);
        LOG.warn("Webhook {} of job {} to {} not delivered after {} attempts: {}", m.event(), m.jobId(),
                m.url().shown(), attempt, describe(failure(exchange), m));
        order.finished(m);
    }

    private static Throwable failure(Exchange exchange) {
        Throwable t = exchange.getException();
        return t != null ? t : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static Integer status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return http.getStatusCode();
            }
        }
        return null;
    }

    /** The failure as get_job and the log show it: the status, or the cause, without the URL's query. */
    static String describe(Throwable failure, WebhookMessage m) {
        if (failure == null) {
            return "unknown failure";
        }
        Integer status = status(failure);
        if (status != null) {
            return "HTTP " + status;
        }
        Throwable cause = RootCause.of(failure);
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        if (m != null) {
            text = text.replace(m.url().target(), m.url().shown());
            if (m.url().uri().getRawQuery() != null) {
                text = text.replace(m.url().uri().getRawQuery(), SecretUrls.REDACTED);
            }
        }
        return SecretUrls.redactIn(text);
    }
}
