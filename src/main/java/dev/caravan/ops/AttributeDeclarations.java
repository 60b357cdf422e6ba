package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperNames;
import dev.caravan.store.AttributeDeclaration;
import dev.caravan.store.DeclaredType;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * create_table's attributes list ([{name, type, nullable}], Harper 4.7's Operations API), checked
 * whole before the table is made. Harper takes any list unchecked (an unknown type, a repeated name, a
 * boolean primary key all pass until the first write fails); Caravan answers 400 (compatibility C18).
 */
public final class AttributeDeclarations {
    /** Harper's other type names: refused by name rather than as unknown. */
    private static final Set<String> UNSUPPORTED = Set.of("bigint", "bytes", "blob", "id", "number");

    private AttributeDeclarations() {
    }

    /** The declarations, or null when the request has no attributes field (an untyped table). */
    static List<AttributeDeclaration> of(JsonNode field, String primaryKey) {
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isArray()) {
            throw HarperException.badRequest("'attributes' must be an array of objects with a name and a type");
        }
        List<AttributeDeclaration> declared = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < field.size(); i++) {
            AttributeDeclaration d = declaration(field.get(i), "attributes[" + i + "]");
            if (!names.add(d.name())) {
                throw HarperException.badRequest("attribute '" + d.name() + "' is declared more than once");
            }
            if (d.name().equals(primaryKey) && d.type() != null && !d.type().isKeyType()) {
                throw HarperException.badRequest("primary key '" + primaryKey + "' cannot be of type "
                        + d.type().harperName() + ": a primary key is a String, Int, Long, Float or Any");
            }
            declared.add(d);
        }
        return declared;
    }

    private static AttributeDeclaration declaration(JsonNode item, String where) {
        if (item == null || !item.isObject()) {
            throw HarperException.badRequest("'" + where + "' must be an object with a name and a type");
        }
        JsonNode name = item.get("name");
        if (name == null || name.isNull()) {
            throw HarperException.badRequest("Attribute name is required"); // Harper's addAttributes message
        }
        if (!name.isTextual()) {
            throw HarperException.badRequest("'" + where + ".name' must be a string");
        }
        String attribute = name.textValue();
        HarperNames.checkAttribute(attribute);
        if (TableMeta.CREATED_TIME.equals(attribute) || TableMeta.UPDATED_TIME.equals(attribute)) {
            throw HarperException.badRequest("attribute '" + attribute + "' is a record timestamp and cannot be declared");
        }
        return new AttributeDeclaration(attribute, type(item.get("type"), where, attribute),
                nullable(item.get("nullable"), where));
    }

    private static DeclaredType type(JsonNode type, String where, String attribute) {
        if (type == null || type.isNull()) {
            return null; // declared without a type, as create_attribute does
        }
        if (!type.isTextual()) {
            throw HarperException.badRequest("'" + where + ".type' must be a string");
        }
        return parse(type.textValue(), attribute);
    }

    /** A type name, any letter case; 400 naming the types for any other. */
    public static DeclaredType parse(String name, String attribute) {
        return DeclaredType.named(name).orElseThrow(() -> HarperException.badRequest(
                (UNSUPPORTED.contains(name.toLowerCase(java.util.Locale.ROOT))
                        ? "type '" + name + "' of attribute '" + attribute + "' is not supported by Caravan"
                        : "unknown type '" + name + "' for attribute '" + attribute + "'")
                        + ": the types are " + DeclaredType.NAMES));
    }

    private static Boolean nullable(JsonNode nullable, String where) {
        if (nullable == null || nullable.isNull()) {
            return null;
        }
        if (!nullable.isBoolean()) {
            throw HarperException.badRequest("'" + where + ".nullable' must be true or false");
        }
        return nullable.booleanValue();
    }
}
