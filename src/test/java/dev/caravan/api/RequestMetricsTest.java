package dev.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Requests are timed under their operation only when it is a known one. */
class RequestMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMetrics metrics = new RequestMetrics(registry, Set.of("get_job", "insert")::contains);

    private long count(String operation, String status) {
        return registry.get(RequestMetrics.NAME).tags("operation", operation, "status", status).timer().count();
    }

    @Test
    void knownOperationsKeepTheirNameByStatus() {
        metrics.record("get_job", 200, 1_000_000);
        metrics.record("get_job", 200, 2_000_000);
        metrics.record("get_job", 404, 1_000_000);
        assertEquals(2, count("get_job", "200"));
        assertEquals(1, count("get_job", "404"));
    }

    @Test
    void anyOtherNameOrNoneIsUnknown() {
        metrics.record("drop_everything_" + "x".repeat(100), 400, 1_000_000);
        metrics.record(null, 401, 1_000_000);
        assertEquals(1, count(RequestMetrics.UNKNOWN, "400"));
        assertEquals(1, count(RequestMetrics.UNKNOWN, "401"));
        assertNull(registry.find(RequestMetrics.NAME).tags("operation", "drop_everything_" + "x".repeat(100)).timer());
    }
}
