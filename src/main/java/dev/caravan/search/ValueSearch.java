package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;

/**
 * search_by_value's value as a condition: "*" alone is every record; a leading and/or trailing "*"
 * makes ends_with / starts_with / contains ("%" is no wildcard); anything else is equals (contract §13).
 */
final class ValueSearch {
    private ValueSearch() {
    }

    /** The condition on the attribute, or empty when every record matches. */
    static Optional<Condition> condition(String attribute, JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of(new Condition.Comparison(attribute, SearchType.EQUALS, value));
        }
        String text = value.textValue();
        if (text.equals("*")) {
            return Optional.empty();
        }
        boolean leading = text.startsWith("*");
        boolean trailing = text.length() > 1 && text.endsWith("*");
        SearchType type = leading && trailing ? SearchType.CONTAINS
                : leading ? SearchType.ENDS_WITH
                : trailing ? SearchType.STARTS_WITH
                : SearchType.EQUALS;
        String core = text.substring(leading ? 1 : 0, text.length() - (trailing ? 1 : 0));
        return Optional.of(new Condition.Comparison(attribute, type, TextNode.valueOf(core)));
    }
}
