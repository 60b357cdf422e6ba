package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Harper's two date readers: moment.js for job searches, Date.parse for delete_records_before. */
class HarperDatesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static long instant(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void javaScriptReadsADateAloneAsUtcMidnight() {
        assertEquals(instant("2026-11-26T00:00:00Z"), HarperDates.parseAsJavaScript("2026-11-26", BERLIN));
        assertEquals(instant("2026-11-01T00:00:00Z"), HarperDates.parseAsJavaScript("2026-11", BERLIN));
        assertEquals(instant("2026-01-01T00:00:00Z"), HarperDates.parseAsJavaScript("2026", BERLIN));
    }

    @Test
    void javaScriptReadsADateTimeWithoutOffsetInTheServersZone() {
        assertEquals(instant("2026-11-26T09:30:00Z"), HarperDates.parseAsJavaScript("2026-11-26T10:30", BERLIN));
        assertEquals(instant("2026-07-01T08:00:00Z"), HarperDates.parseAsJavaScript("2026-07-01 10:00:00", BERLIN));
    }

    @Test
    void javaScriptHonoursZAndOffsets() {
        assertEquals(instant("2026-11-25T08:57:51.289Z"),
                HarperDates.parseAsJavaScript("2026-11-25T08:57:51.289Z", BERLIN));
        assertEquals(instant("2026-11-25T06:57:51Z"),
                HarperDates.parseAsJavaScript("2026-11-25T08:57:51+02:00", BERLIN));
        assertEquals(instant("2026-11-25T13:57:51Z"),
                HarperDates.parseAsJavaScript("2026-11-25T08:57:51-0500", BERLIN));
    }

    @Test
    void javaScriptKeepsMillisecondsAndDropsFinerDigits() {
        assertEquals(instant("2026-11-25T08:57:51.289Z"),
                HarperDates.parseAsJavaScript("2026-11-25T08:57:51.289999Z", BERLIN));
    }

    @Test
    void javaScriptRollsADayPastTheMonthsEndOver() {
        assertEquals(instant("2026-03-02T00:00:00Z"), HarperDates.parseAsJavaScript("2026-02-30", BERLIN));
        assertNull(HarperDates.parseAsJavaScript("2026-02-32", BERLIN));
        assertNull(HarperDates.parseAsJavaScript("2026-13-01", BERLIN));
    }

    @Test
    void javaScriptReadsTheYearOneThousand() {
        assertEquals(instant("1000-01-01T00:00:00Z"), HarperDates.parseAsJavaScript("1000", BERLIN));
    }

    @Test
    void javaScriptRejectsWordsAndWeekDates() {
        assertNull(HarperDates.parseAsJavaScript("yesterday", BERLIN));
        assertNull(HarperDates.parseAsJavaScript("2026-W48", BERLIN));
        assertNull(HarperDates.parseAsJavaScript("", BERLIN));
    }

    @Test
    void momentReadsADateAloneInTheServersZone() {
        assertEquals(instant("2026-11-25T23:00:00Z"), HarperDates.parse("2026-11-26", BERLIN));
    }

    @Test
    void momentReadsWeekDates() {
        assertEquals(instant("2026-11-22T23:00:00Z"), HarperDates.parse("2026-W48", BERLIN));
    }
}
