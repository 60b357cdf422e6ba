package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourcePaceTest {
    private static final long S = 1_000_000_000L;

    @Test
    void sourceKeepingTheRateIsLeftAlone() {
        SourcePace pace = new SourcePace(Duration.ZERO, 100, Duration.ofSeconds(2), 0);
        assertNull(pace.violation(1 * S, 50));
        assertNull(pace.violation(2 * S, 200));
        assertNull(pace.violation(4 * S, 400));
    }

    @Test
    void sourceSlowerThanTheRateOverAWindowIsStopped() {
        SourcePace pace = new SourcePace(Duration.ZERO, 100, Duration.ofSeconds(2), 0);
        assertNull(pace.violation(2 * S, 300));
        assertNull(pace.violation(3 * S, 310), "a window is judged only when it is over");
        assertEquals("the source sent 20 bytes in 2.0 s, slower than 100 bytes per second"
                + " (caravan.url.min-bytes-per-second)", pace.violation(4 * S, 320));
    }

    @Test
    void downloadLongerThanTheMaximumIsStopped() {
        SourcePace pace = new SourcePace(Duration.ofSeconds(5), 0, Duration.ofSeconds(2), 10 * S);
        assertNull(pace.violation(15 * S, 1));
        assertEquals("the download took longer than 5000 ms (caravan.url.max-duration)", pace.violation(15 * S + 1, 1));
    }

    @Test
    void zeroTurnsTheRulesOff() {
        SourcePace pace = new SourcePace(Duration.ZERO, 0, Duration.ofSeconds(1), 0);
        assertNull(pace.violation(1_000_000 * S, 0));
    }
}
