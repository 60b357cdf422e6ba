package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPeriodTest {
    @Test
    void isoDurationsAreRead() {
        assertEquals(Optional.of(Duration.ofDays(14)), RetentionPeriod.parse("P14D"));
        assertEquals(Optional.of(Duration.ofHours(1)), RetentionPeriod.parse(" PT1H "));
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetentionPeriod.parse("PT3S"));
    }

    @Test
    void zeroOrEmptyKeepsJobsForever() {
        assertTrue(RetentionPeriod.parse("0").isEmpty());
        assertTrue(RetentionPeriod.parse("").isEmpty());
        assertTrue(RetentionPeriod.parse(null).isEmpty());
        assertTrue(RetentionPeriod.parse("PT0S").isEmpty());
    }

    @Test
    void anythingElseFailsStartUpSayingWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetentionPeriod.parse("14 days"));
        assertTrue(e.getMessage().contains("ISO-8601 duration such as P14D"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RetentionPeriod.parse("P2W"), "no weeks in a Duration");
        assertThrows(IllegalArgumentException.class, () -> RetentionPeriod.parse("-PT1H"));
    }
}
