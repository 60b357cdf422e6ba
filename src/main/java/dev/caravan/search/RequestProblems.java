package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRequest;
import java.util.ArrayList;
import java.util.List;

/** Validation messages of one request, answered together joined by ". " as Harper does (observed §4). */
final class RequestProblems {
    private final List<String> messages = new ArrayList<>();

    void add(String message) {
        messages.add(message);
    }

    void throwIfAny(int status) {
        if (!messages.isEmpty()) {
            throw new HarperException(status, String.join(". ", messages));
        }
    }

    /** get_attributes when present; itemWord is "item" or "items", as Harper's messages differ by operation. */
    void checkGetAttributes(JsonNode getAttributes, String itemWord) {
        if (getAttributes == null) {
            return;
        }
        if (!getAttributes.isArray()) {
            add("'get_attributes' must be an array");
        } else if (getAttributes.isEmpty()) {
            add("'get_attributes' must contain at least 1 " + itemWord);
        }
    }

    /** limit and offset; the page is only meaningful once no problem was found. */
    Page page(OperationRequest request) {
        Long limit = null;
        long offset = 0;
        JsonNode l = request.field("limit");
        if (l != null) {
            if (!l.isNumber()) {
                add("'limit' must be a number");
            } else if (l.doubleValue() < 1) {
                add("'limit' must be greater than or equal to 1");
            } else if (!isSafe(l)) {
                add("'limit' must be a safe number");
            } else {
                limit = l.longValue();
            }
        }
        JsonNode o = request.field("offset");
        if (o != null) {
            if (!o.isNumber()) {
                add("'offset' must be a number");
            } else if (o.doubleValue() < 0) {
                add("'offset' must be greater than or equal to 0");
            } else if (!isSafe(o)) {
                add("'offset' must be a safe number");
            } else {
                offset = o.longValue();
            }
        }
        return new Page(offset, limit);
    }

    /** Joi's number() refuses integers beyond 2^53 - 1 (and 1e309, Infinity): longValue() would wrap them. */
    private static boolean isSafe(JsonNode number) {
        return Math.abs(number.doubleValue()) <= MAX_SAFE_INTEGER;
    }

    private static final double MAX_SAFE_INTEGER = 9007199254740991d;
}
