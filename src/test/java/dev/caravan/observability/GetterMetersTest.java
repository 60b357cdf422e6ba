package dev.caravan.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A service's getters are read at each scrape, as a gauge or as a counter. */
class GetterMetersTest {
    /** A service as another area would have it: JMX-style getters. */
    static final class Purge {
        final AtomicLong removed = new AtomicLong();
        volatile int waiting;

        long getRemoved() {
            return removed.get();
        }

        int getWaiting() {
            return waiting;
        }
    }

    @Test
    void gaugesAndCountersReadTheGettersWhenAsked() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Purge purge = new Purge();
        new GetterMeters()
                .counter("caravan.retention.removed", "Jobs removed", purge, Purge::getRemoved)
                .gauge("caravan.retention.waiting", "Jobs waiting", purge, Purge::getWaiting)
                .bindTo(registry);

        purge.removed.addAndGet(7);
        purge.waiting = 3;
        assertEquals(7, registry.get("caravan.retention.removed").functionCounter().count());
        assertEquals(3, registry.get("caravan.retention.waiting").gauge().value());
        purge.removed.addAndGet(1);
        purge.waiting = 0;
        assertEquals(8, registry.get("caravan.retention.removed").functionCounter().count());
        assertEquals(0, registry.get("caravan.retention.waiting").gauge().value());
    }
}
