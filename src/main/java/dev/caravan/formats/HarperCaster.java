package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.JsNumber;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Harper's casting of CSV cells on untyped tables (contract §3.4): booleans, null, numbers without
 * leading zeros or exponents, ISO date-times with an offset, and (file, URL and S3 loads only)
 * JSON-looking strings parsed deeply.
 */
public final class HarperCaster {
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    /**
     * One CSV cell. Every CSV source applies the file loads' rules, JSON-looking strings included
     * (compatibility C6; Harper's csv_data_load skips that step).
     */
    public JsonNode cast(String cell) {
        if (cell.isEmpty()) {
            return TextNode.valueOf("");
        }
        switch (cell) {
            case "true", "TRUE":
                return BooleanNode.TRUE;
            case "false", "FALSE":
                return BooleanNode.FALSE;
            case "null", "NULL", "undefined", "NaN":
                return NullNode.instance; // NaN prints as null in Harper's JSON and cannot be stored in Derby
            default:
                break;
        }
        if (isHarperNumber(cell)) {
            return JsNumber.parsed(Double.parseDouble(cell.trim()));
        }
        if (looksLikeDateTime(cell) && DATE_TIME.matcher(cell).matches()) {
            String iso = isoDate(cell);
            if (iso != null) {
                return TextNode.valueOf(iso);
            }
        }
        if (looksLikeJson(cell)) {
            JsonNode parsed = parseJson(cell);
            if (parsed != null) {
                return castJsonStrings(parsed);
            }
        }
        return TextNode.valueOf(cell);
    }

    /**
     * Numbers pass Number() (optional sign, digits with an optional point, surrounding whitespace) and
     * neither contain an exponent nor start with 0 ("0" and "0." excepted). Scanned by hand: this runs
     * for every cell of every load.
     */
    static boolean isHarperNumber(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        int i = start;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (i != end || digits == 0) {
            return false;
        }
        return s.charAt(0) != '0' || s.equals("0") || s.startsWith("0.");
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /** Java's regex \\s, which Number() trims too. */
    private static boolean isSpace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\u000B' || ch == '\f' || ch == '\r';
    }

    /** A cheap pre-check before the date-time pattern: YYYY-MM-DDThh:mm at least. */
    private static boolean looksLikeDateTime(String s) {
        return s.length() >= 17 && s.charAt(4) == '-' && s.charAt(10) == 'T';
    }

    private static String isoDate(String s) {
        try {
            String normalized = s.length() == 16 || s.charAt(16) != ':' ? s.substring(0, 16) + ":00" + s.substring(16) : s;
            OffsetDateTime t = OffsetDateTime.parse(normalized);
            return ISO_MILLIS.format(t.withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null; // fails the calendar (2024-13-45): stays a string, as in Harper
        }
    }

    private static boolean looksLikeJson(String s) {
        char first = s.charAt(0);
        char last = s.charAt(s.length() - 1);
        return (first == '[' && last == ']') || (first == '{' && last == '}');
    }

    private static JsonNode parseJson(String s) {
        try {
            return HarperJson.parse(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Parses JSON-looking strings, inside arrays and objects too (Harper does it deeply); JSON
     * sources keep their other types (contract §7).
     */
    public JsonNode castJsonStrings(JsonNode node) {
        if (node.isTextual()) {
            String s = node.textValue();
            if (!s.isEmpty() && looksLikeJson(s)) {
                JsonNode parsed = parseJson(s);
                return parsed == null ? node : castJsonStrings(parsed);
            }
            return node;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, castJsonStrings(array.get(i)));
            }
        } else if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                f.setValue(castJsonStrings(f.getValue()));
            }
        }
        return node;
    }
}
