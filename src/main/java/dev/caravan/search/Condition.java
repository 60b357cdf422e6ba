package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A search_by_conditions filter: one comparison, or a group of conditions joined by and/or. */
public sealed interface Condition {

    /** The attribute of the first comparison, depth first: Harper's results follow its index. */
    String firstAttribute();

    /** Every attribute the filter compares, depth first (the attributes a search reads). */
    List<String> attributes();

    /** value is null when the request left it out (only allowed where it does not matter). */
    record Comparison(String attribute, SearchType type, JsonNode value) implements Condition {
        @Override
        public String firstAttribute() {
            return attribute;
        }

        @Override
        public List<String> attributes() {
            return List.of(attribute);
        }
    }

    record Group(boolean or, List<Condition> conditions) implements Condition {
        public Group {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String firstAttribute() {
            return conditions.get(0).firstAttribute();
        }

        @Override
        public List<String> attributes() {
            return conditions.stream().flatMap(c -> c.attributes().stream()).toList();
        }
    }
}
