package dev.caravan.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one request's attributes lack, over every table it names, answered as one 403 in Harper's
 * shape (docs/harper-observed.md §8): attributes the role cannot see as invalid_schema_items, missing
 * rights per table under required_attribute_permissions.
 */
public final class AttributeDenials {
    private final List<String> missing = new ArrayList<>();
    /** "db.table" → attribute → the rights it lacks, in the order met. */
    private final Map<String, Map<String, List<String>>> lacking = new LinkedHashMap<>();
    private final Map<String, String[]> tableNames = new LinkedHashMap<>();

    void missing(String item) {
        missing.add(item);
    }

    void lacking(String database, String table, String attribute, TablePermission permission) {
        String key = database + "." + table;
        tableNames.putIfAbsent(key, new String[] {database, table});
        lacking.computeIfAbsent(key, k -> new LinkedHashMap<>())
                .computeIfAbsent(attribute, a -> new ArrayList<>()).add(permission.key());
    }

    /** Adds what the attributes of one table lack for the needed rights. */
    public AttributeDenials check(AttributePermissions table, Collection<String> attributes,
                                  TablePermission... needed) {
        table.collect(attributes, List.of(needed), this);
        return this;
    }

    public void throwIfAny() {
        if (missing.isEmpty() && lacking.isEmpty()) {
            return;
        }
        ArrayNode unauthorized = HarperJson.array();
        lacking.forEach((key, attributes) -> {
            ObjectNode item = unauthorized.addObject();
            item.put("schema", tableNames.get(key)[0]);
            item.put("table", tableNames.get(key)[1]);
            item.putArray("required_table_permissions");
            ArrayNode required = item.putArray("required_attribute_permissions");
            attributes.forEach((attribute, rights) -> {
                ObjectNode a = required.addObject();
                a.put("attribute_name", attribute);
                ArrayNode list = a.putArray("required_permissions");
                rights.forEach(list::add);
            });
        });
        ArrayNode invalid = HarperJson.array();
        missing.forEach(invalid::add);
        throw Access.forbidden(unauthorized, invalid);
    }
}
