package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's end event never overtakes its started event for the same receiver. */
class EventOrderTest {
    private static final CallbackUrl URL = CallbackUrl.of(TextNode.valueOf("https://hooks.example/x"));
    private final EventOrder order = new EventOrder();
    private final List<String> queued = new ArrayList<>();

    private static WebhookMessage message(String jobId, String event) {
        return new WebhookMessage(event + "-id", jobId, event, 1, URL, false, "{}");
    }

    @Test
    void anEndWhileItsStartIsInFlightWaitsForIt() {
        WebhookMessage started = message("j", "started");
        order.starting(started);
        order.ending(message("j", "completed"), () -> queued.add("completed"));
        assertEquals(List.of(), queued);
        order.finished(started);
        assertEquals(List.of("completed"), queued);
        order.finished(started);
        assertEquals(List.of("completed"), queued, "handed on once");
    }

    @Test
    void anEndAfterItsStartWasDeliveredGoesAtOnce() {
        WebhookMessage started = message("j", "started");
        order.starting(started);
        order.finished(started);
        order.ending(message("j", "failed"), () -> queued.add("failed"));
        assertEquals(List.of("failed"), queued);
    }

    @Test
    void anotherJobIsNotHeld() {
        order.starting(message("a", "started"));
        order.ending(message("b", "completed"), () -> queued.add("b"));
        assertEquals(List.of("b"), queued);
    }

    @Test
    void aStartThatWasNotQueuedHoldsNothing() {
        WebhookMessage started = message("j", "started");
        order.starting(started);
        order.notQueued(started);
        order.ending(message("j", "cancelled"), () -> queued.add("cancelled"));
        assertEquals(List.of("cancelled"), queued);
    }
}
