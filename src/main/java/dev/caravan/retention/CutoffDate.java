package dev.caravan.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jobs.HarperDates;
import java.time.ZoneId;

/**
 * The {@code date} of delete_records_before (contract §10): Harper checks it with Joi's
 * {@code date().iso()} and reads it with JavaScript's {@code Date.parse}. A number passes when its
 * text is an ISO year, so 1000 is the year 1000 (and deletes nothing).
 */
final class CutoffDate {
    static final String REQUIRED = "'date' is required";
    static final String NOT_ISO = "'date' must be in ISO 8601 date format";
    static final String NOT_A_DATE = "'date' must be a valid date";
    private static final double LARGEST_EXACT_WHOLE = 1e15;

    private CutoffDate() {
    }

    /** Joi's message for the field (absent is null), or null when it is a date. */
    static String problem(JsonNode date, ZoneId zone) {
        if (date == null) {
            return REQUIRED;
        }
        if (epochMillis(date, zone) != null) {
            return null;
        }
        return date.isTextual() ? NOT_ISO : NOT_A_DATE; // Joi: date.format for strings, date.base otherwise
    }

    /** The cutoff in epoch milliseconds, or null when the field is not a date. */
    static Long epochMillis(JsonNode date, ZoneId zone) {
        String text = javaScriptText(date);
        return text == null ? null : HarperDates.parseAsJavaScript(text, zone);
    }

    /** The text Joi and Date.parse see: a string as is, a whole number as JavaScript prints it. */
    private static String javaScriptText(JsonNode date) {
        if (date.isTextual()) {
            return date.textValue();
        }
        if (date.isNumber()) {
            double d = date.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < LARGEST_EXACT_WHOLE ? Long.toString((long) d) : null;
        }
        return null;
    }
}
