package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.formats.RowProblem;
import dev.caravan.formats.RowReason;
import dev.caravan.store.ValueCodec;
import dev.caravan.store.WriteAction;
import java.util.Iterator;
import java.util.Map;

/**
 * The checks a load with an error policy makes of each record before writing it, so that one record
 * the store cannot take fails alone instead of failing its batch (and, without a policy, the job with
 * Harper's message, as the store's own checks do).
 */
final class RowChecks {
    private RowChecks() {
    }

    /** The record's problem, or null when the store can take it. */
    static RowProblem check(ObjectNode row, String primaryKey, WriteAction action) {
        JsonNode key = row.get(primaryKey);
        boolean noKey = key == null || key.isNull() || (key.isTextual() && key.textValue().isEmpty());
        if (noKey && action == WriteAction.UPDATE) {
            return problem(RowReason.NO_KEY, primaryKey, null,
                    "an update needs the primary key '" + primaryKey + "', and this row has no value for it");
        }
        if (key != null && !key.isNull() && !ValueCodec.fitsKey(key)) {
            return problem(RowReason.INVALID_KEY, primaryKey, text(key), ValueCodec.isKeyType(key)
                    ? "primary key '" + primaryKey + "' is longer than " + (ValueCodec.MAX_KEY - 2) + " characters"
                    : "primary key '" + primaryKey + "' must be a string or a number, not " + kind(key));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!ValueCodec.fits(f.getValue())) {
                return problem(RowReason.VALUE_TOO_LONG, f.getKey(), text(f.getValue()), "value of attribute '"
                        + f.getKey() + "' is longer than " + ValueCodec.MAX_TEXT + " characters");
            }
        }
        return null;
    }

    private static RowProblem problem(RowReason reason, String column, String value, String message) {
        return new RowProblem(0, null, null, column, value, null, reason, message);
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static String kind(JsonNode value) {
        return value.isBoolean() ? "a boolean" : value.isArray() ? "an array" : value.isObject() ? "an object" : "null";
    }
}
