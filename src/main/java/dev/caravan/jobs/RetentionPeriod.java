package dev.caravan.jobs;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * caravan.jobs.retention: how long a finished job is kept after it ended, as an ISO-8601 duration
 * (java.time.Duration: P14D, PT1H, PT3S; days are the largest unit, so no weeks, months or years). "0",
 * a zero duration or an empty value keep every job forever.
 */
public final class RetentionPeriod {
    private RetentionPeriod() {
    }

    /** The period, or empty to keep jobs forever; start-up fails on a value that is not a duration. */
    public static Optional<Duration> parse(String setting) {
        String text = setting == null ? "" : setting.strip();
        if (text.isEmpty() || text.equals("0")) {
            return Optional.empty();
        }
        Duration period;
        try {
            period = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("caravan.jobs.retention must be an ISO-8601 duration such as P14D or"
                    + " PT1H (or 0 to keep jobs forever), not '" + text + "'", e);
        }
        if (period.isNegative()) {
            throw new IllegalArgumentException("caravan.jobs.retention must not be negative: '" + text + "'");
        }
        return period.isZero() ? Optional.empty() : Optional.of(period);
    }
}
