package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads search_by_conditions' condition tree: comparisons {search_attribute, search_type, search_value}
 * or {attribute, comparator, value}, and nested groups {operator, conditions}. Messages and statuses
 * are Harper's (observed §4); where Harper fails with a JavaScript error, the message says plainly
 * what is missing (compatibility C10).
 */
final class ConditionParser {
    static final String OPERATOR_CHOICES = "'operator' must be one of [and, or]";

    private ConditionParser() {
    }

    /** Whether an operator field is absent or names and/or in any case. */
    static boolean isValidOperator(JsonNode operator) {
        return operator == null || operator.isNull()
                || operator.isTextual() && ("and".equalsIgnoreCase(operator.textValue())
                || "or".equalsIgnoreCase(operator.textValue()));
    }

    static boolean isOr(JsonNode operator) {
        return operator != null && operator.isTextual() && "or".equalsIgnoreCase(operator.textValue());
    }

    /** The top-level group; operator and the non-empty conditions array are validated by the caller. */
    static Condition parse(JsonNode operator, JsonNode conditions) {
        return group(isOr(operator), conditions);
    }

    private static Condition group(boolean or, JsonNode conditions) {
        List<Condition> parsed = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            parsed.add(element(conditions.get(i), i));
        }
        if (or && parsed.size() < 2) {
            throw HarperException.serverError("An \"or\" operator requires at least two conditions");
        }
        if (!or && parsed.isEmpty()) {
            throw HarperException.serverError("An \"and\" operator requires at least one condition");
        }
        return new Condition.Group(or, parsed);
    }

    private static Condition element(JsonNode element, int index) {
        if (!element.isObject()) {
            throw notAllowed(index);
        }
        if (element.has("conditions")) {
            JsonNode operator = element.get("operator");
            JsonNode nested = element.get("conditions");
            if (!isValidOperator(operator) || !nested.isArray()) {
                throw notAllowed(index);
            }
            return group(isOr(operator), nested);
        }
        return comparison(element);
    }

    private static Condition comparison(JsonNode element) {
        String attribute = text(element, "search_attribute", "attribute");
        if (attribute == null) {
            throw HarperException.serverError("Search condition must have a search_attribute");
        }
        String type = text(element, "search_type", "comparator");
        JsonNode value = element.has("search_value") ? element.get("search_value") : element.get("value");
        if (!element.has("search_value") && !element.has("value")) {
            throw HarperException.badRequest("Search condition for " + attribute + " must have a value");
        }
        requireFinite(attribute, value);
        return new Condition.Comparison(attribute, type == null ? SearchType.EQUALS : SearchType.of(type), value);
    }

    /** 1e309 parses (as an exact decimal) but is no number the store can compare with: it overflows a DOUBLE. */
    private static void requireFinite(String attribute, JsonNode value) {
        if (value != null && value.isArray()) {
            value.forEach(element -> requireFinite(attribute, element));
        } else if (value != null && value.isNumber() && Double.isInfinite(value.doubleValue())) {
            throw HarperException.badRequest("Search value " + value + " for " + attribute
                    + " is outside the range of a number");
        }
    }

    private static String text(JsonNode element, String name, String alternative) {
        JsonNode value = element.get(name);
        if (value == null || value.isNull()) {
            value = element.get(alternative);
        }
        return value == null || value.isNull() ? null : value.asText();
    }

    private static HarperException notAllowed(int index) {
        return HarperException.badRequest("'conditions[" + index + "]' does not match any of the allowed types");
    }
}
