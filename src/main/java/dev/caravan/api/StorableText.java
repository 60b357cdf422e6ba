package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.store.SqlDialect;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a request holding a text the store's engine cannot keep (PostgreSQL: U+0000, an unpaired
 * surrogate), wherever it is: a value written, a key searched, a job id, an SQL string. Such a text could
 * be neither stored nor matched, so the request is the client's error, before any operation runs.
 */
final class StorableText {
    private static final int MAX_PATH = 200;
    /**
     * Fields with rules of their own, left to them so both engines answer alike: the request's names,
     * which core/HarperNames refuses with Harper's message (and which are looked up in the catalog in
     * memory), and csv_data_load's data, whose unpaired surrogates its load refuses and whose U+0000
     * reaches the record writer's own check as a loaded value.
     */
    private static final Set<String> FIELDS_WITH_OWN_RULES = Set.of("database", "schema", "table", "attribute",
            "primary_key", "hash_attribute", "username", "role", "data");

    private final SqlDialect dialect;

    StorableText(SqlDialect dialect) {
        this.dialect = dialect;
    }

    void check(JsonNode request) {
        if (dialect.storesEveryString()) {
            return;
        }
        Deque<Place> todo = new ArrayDeque<>();
        todo.push(new Place(null, null, -1, request));
        while (!todo.isEmpty()) {
            Place place = todo.pop();
            JsonNode node = place.node();
            if (node.isTextual()) {
                refuse(place, "", dialect.unstorablePart(node.textValue()));
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    todo.push(new Place(place, null, i, node.get(i)));
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    refuse(place, "a field name in ", dialect.unstorablePart(field.getKey()));
                    if (place.parent() == null && FIELDS_WITH_OWN_RULES.contains(field.getKey()) && field.getValue().isTextual()) {
                        continue;
                    }
                    todo.push(new Place(place, field.getKey(), -1, field.getValue()));
                }
            }
        }
    }

    private static void refuse(Place place, String what, Optional<String> unstorable) {
        if (unstorable.isPresent()) {
            String path = place.path();
            throw HarperException.badRequest(what + (path.isEmpty() ? "the request" : "'" + path + "'") + " holds "
                    + unstorable.get() + ", which a PostgreSQL store cannot keep");
        }
    }

    /** A node and how it was reached; the path is spelled only for an answer. */
    private record Place(Place parent, String field, int index, JsonNode node) {
        String path() {
            if (parent == null) {
                return "";
            }
            String up = parent.path();
            String here = field != null ? (up.isEmpty() ? field : up + "." + field) : up + "[" + index + "]";
            return here.length() > MAX_PATH ? here.substring(0, MAX_PATH) + "..." : here;
        }
    }
}
