package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperNames;
import dev.caravan.ops.AttributeDeclarations;
import dev.caravan.store.Column;
import dev.caravan.store.DeclaredType;
import dev.caravan.store.TableMeta;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A load's types field ({"zip": "string", "age": "int"}, type names in any letter case): how this one
 * load casts the attributes it names, the table's declared types untouched. Checked at submit (400s)
 * and kept in the job's stored request under Harper's type names, so a resumed job casts alike. It
 * may repeat a declared type but not contradict one: a typed column holds only its type.
 */
public final class LoadTypes {
    public static final String FIELD = "types";

    private LoadTypes() {
    }

    /** The request's types, checked against the table; empty without the field. */
    public static Map<String, DeclaredType> of(JsonNode field, TableMeta table) {
        Map<String, DeclaredType> types = new LinkedHashMap<>();
        if (field == null || field.isNull()) {
            return types;
        }
        if (!field.isObject()) {
            throw HarperException.badRequest("'types' must be an object of attribute names and type names,"
                    + " e.g. {\"zip\": \"string\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = field.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String attribute = e.getKey();
            HarperNames.checkAttribute(attribute);
            if (!e.getValue().isTextual()) {
                throw HarperException.badRequest("'types." + attribute + "' must be a type name: " + DeclaredType.NAMES);
            }
            DeclaredType type = AttributeDeclarations.parse(e.getValue().textValue(), attribute);
            requireCompatible(table, attribute, type);
            types.put(attribute, type);
        }
        return types;
    }

    private static void requireCompatible(TableMeta table, String attribute, DeclaredType type) {
        Column declared = table.attribute(attribute);
        if (declared != null && declared.type() != null && declared.type() != type) {
            throw HarperException.badRequest("'types' cannot cast attribute '" + attribute + "' as " + type.harperName()
                    + ": it is declared " + declared.type().harperName());
        }
        if (attribute.equals(table.primaryKey()) && !type.isKeyType()) {
            throw HarperException.badRequest("'types' cannot cast the primary key '" + attribute + "' as "
                    + type.harperName() + ": a primary key is a String, Int, Long, Float or Any");
        }
    }

    /** Keeps the types in the job's stored request, under Harper's names. */
    public static void store(Map<String, DeclaredType> types, ObjectNode stored) {
        if (types.isEmpty()) {
            return;
        }
        ObjectNode out = stored.putObject(FIELD);
        types.forEach((attribute, type) -> out.put(attribute, type.harperName()));
    }

    /** The types a job's stored request kept (already checked at submit). */
    public static Map<String, DeclaredType> stored(ObjectNode storedRequest) {
        Map<String, DeclaredType> types = new LinkedHashMap<>();
        storedRequest.path(FIELD).fields().forEachRemaining(e -> types.put(e.getKey(),
                DeclaredType.named(e.getValue().asText()).orElseThrow()));
        return types;
    }
}
