package dev.caravan.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checks run side by side within one bound; a hung one is DOWN, not a hung request. */
class HealthReportTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final HealthReport report = new HealthReport(new DefaultCamelContext(), Duration.ofMillis(300));

    @AfterEach
    void releaseHungChecks() {
        release.countDown();
    }

    private static HealthCheck check(String id, HealthCheck.State state, String message) {
        return new AbstractHealthCheck("test", id) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.state(state);
                if (message != null) {
                    builder.message(message);
                }
            }
        };
    }

    private HealthCheck hung(String id) {
        return new AbstractHealthCheck("test", id) {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                builder.up();
            }
        };
    }

    @Test
    void aCheckThatDoesNotAnswerIsDownWithinTheBound() {
        // returns at all: the hung check is released only after the test
        List<HealthReport.Outcome> outcomes = report.run(List.of(check("a", HealthCheck.State.UP, null), hung("b")));
        assertEquals(HealthCheck.State.UP, outcomes.get(0).state());
        assertEquals(HealthCheck.State.DOWN, outcomes.get(1).state());
        assertEquals("No answer within 300 ms (caravan.health.timeout-ms)", outcomes.get(1).message());
    }

    @Test
    void aMessageNamingAUrlWithCredentialsIsRedacted() {
        List<HealthReport.Outcome> outcomes = report.run(List.of(
                check("c", HealthCheck.State.DOWN, "Consumer failed on sftp://caravan:hunter2@files.example/inbox")));
        assertFalse(outcomes.get(0).message().contains("hunter2"), outcomes.get(0).message());
    }

    @Test
    void theBodyListsEveryCheckAndTheMessagesOfThoseNotUp() {
        ObjectNode body = HealthReport.body(false, List.of(new HealthReport.Outcome("store", HealthCheck.State.UP, null),
                new HealthReport.Outcome("disk-space", HealthCheck.State.DOWN, "5 bytes free")));
        assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"store\",\"status\":\"UP\"},"
                + "{\"name\":\"disk-space\",\"status\":\"DOWN\",\"message\":\"5 bytes free\"}]}", body.toString());
    }
}
