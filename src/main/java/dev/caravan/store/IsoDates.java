package dev.caravan.store;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a Date attribute accepts and how it is stored: ISO-8601 dates and date-times (a space may
 * stand for the T; without an offset the time is UTC, as Harper reads it) and epoch milliseconds,
 * stored as Harper returns a Date: ISO-8601 UTC with milliseconds. Unlike JavaScript's Date, an
 * impossible calendar date (2024-02-30) or another format ("Jan 5 2024") is refused, not guessed.
 */
final class IsoDates {
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?(Z|z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** JavaScript's Date range: 100,000,000 days either side of the epoch. */
    private static final double MAX_MILLIS = 8.64e15;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    private IsoDates() {
    }

    /** The stored form of a date text, or empty when it is no date. */
    static Optional<String> parse(String text) {
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return fromEpochMillis(Double.parseDouble(text));
        }
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(number(m, 4), number(m, 5), m.group(6) == null ? 0 : number(m, 6), nanos(m.group(7)));
            ZoneOffset offset = m.group(8) == null || m.group(8).equalsIgnoreCase("Z") ? ZoneOffset.UTC
                    : ZoneOffset.of(m.group(8));
            return inRange(OffsetDateTime.of(date, time, offset).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty(); // 2024-02-30, 25:00, +19:00
        }
    }

    /** A number of epoch milliseconds, truncated to whole milliseconds as JavaScript's Date does. */
    static Optional<String> fromEpochMillis(double millis) {
        if (!Double.isFinite(millis) || Math.abs(millis) > MAX_MILLIS) {
            return Optional.empty();
        }
        return inRange(OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli((long) millis), ZoneOffset.UTC));
    }

    /** Only four-digit years: the stored text then sorts in time order. */
    private static Optional<String> inRange(OffsetDateTime utc) {
        int year = utc.getYear();
        return year < 0 || year > 9999 ? Optional.empty() : Optional.of(ISO_MILLIS.format(utc));
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String millis = (fraction + "00").substring(0, 3); // JavaScript keeps milliseconds only
        return Integer.parseInt(millis) * 1_000_000;
    }
}
