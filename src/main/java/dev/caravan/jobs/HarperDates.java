package dev.caravan.jobs;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ISO-8601 dates Harper accepts. Two readers, because Harper uses two parsers:
 * <ul>
 * <li>{@link #parse}: moment.js, lenient, for job searches (contract §12): 2026, 2026-11, 2026-11-25,
 * 2026-W48(-3), with an optional time after T or a space, and an optional Z or offset (+02:00 /
 * +0200). Without an offset the server's zone applies, to dates alone too.</li>
 * <li>{@link #parseAsJavaScript}: JavaScript's {@code Date.parse}, for delete_records_before
 * (contract §10): the same calendar forms, but a date without a time is UTC midnight, a day past the month's
 * end rolls over (V8: 2026-02-30 is March 2), and week dates do not parse.</li>
 * </ul>
 */
public final class HarperDates {
    private static final Pattern CALENDAR = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?" + "(?:[T ](\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,9}))?)?)?)?"
                    + "(Z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-?W(\\d{2})(?:-?(\\d))?");
    private static final int TIME_GROUP = 4;
    private static final int ZONE_GROUP = 8;

    private HarperDates() {
    }

    /** Epoch milliseconds as moment.js reads the text, or null when it is not a date Harper accepts. */
    public static Long parse(String text, ZoneId localZone) {
        if (text == null) {
            return null;
        }
        try {
            Matcher week = WEEK.matcher(text);
            if (week.matches()) {
                LocalDate date = LocalDate.of(Integer.parseInt(week.group(1)), 1, 4)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(week.group(2)))
                        .with(DayOfWeek.of(week.group(3) == null ? 1 : Integer.parseInt(week.group(3))));
                return date.atStartOfDay(localZone).toInstant().toEpochMilli();
            }
            Matcher m = CALENDAR.matcher(text);
            if (!m.matches()) {
                return null;
            }
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), number(m.group(2), 1), number(m.group(3), 1));
            return epochMillis(date, m, localZone);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Epoch milliseconds as JavaScript's Date.parse reads the text, or null where it gives NaN. */
    public static Long parseAsJavaScript(String text, ZoneId localZone) {
        if (text == null) {
            return null;
        }
        Matcher m = CALENDAR.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            int day = number(m.group(3), 1);
            if (day < 1 || day > 31) {
                return null;
            }
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), number(m.group(2), 1), 1).plusDays(day - 1L);
            boolean dateOnly = m.group(TIME_GROUP) == null && m.group(ZONE_GROUP) == null;
            return epochMillis(date, m, dateOnly ? ZoneOffset.UTC : localZone);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static long epochMillis(LocalDate date, Matcher m, ZoneId zoneWithoutOffset) {
        LocalTime time = LocalTime.of(number(m.group(4), 0), number(m.group(5), 0), number(m.group(6), 0),
                m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9)));
        LocalDateTime local = LocalDateTime.of(date, time);
        String zone = m.group(ZONE_GROUP);
        if (zone == null) {
            return local.atZone(zoneWithoutOffset).toInstant().toEpochMilli();
        }
        ZoneOffset offset = "Z".equals(zone) ? ZoneOffset.UTC : ZoneOffset.of(normalizeOffset(zone));
        return local.toInstant(offset).toEpochMilli();
    }

    private static String normalizeOffset(String zone) {
        String digits = zone.substring(1).replace(":", "");
        return zone.charAt(0) + digits.substring(0, 2) + (digits.length() > 2 ? ":" + digits.substring(2) : "");
    }

    private static int number(String group, int fallback) {
        return group == null ? fallback : Integer.parseInt(group);
    }
}
