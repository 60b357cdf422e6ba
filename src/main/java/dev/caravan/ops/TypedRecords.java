package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.store.Column;
import dev.caravan.store.DeclaredType;
import dev.caravan.store.NotCastableException;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TypedValues;
import dev.caravan.store.WriteAction;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The records of a write into a table with declared types, checked as Harper checks them
 * (docs/harper-observed.md §9): every declared attribute a record carries must be of its type, and an
 * insert's record must carry every attribute declared nullable: false. The first record with a fault
 * fails the whole request, 400 with Harper's messages for it joined by ". "; nothing is written. A
 * Date's value is stored as its ISO-8601 UTC text, as Harper returns it, and a record without a key
 * gets a UUID when the key is typed String (the store's generated keys are numbers).
 */
public final class TypedRecords {
    private TypedRecords() {
    }

    public static void check(TableMeta table, WriteAction action, List<ObjectNode> records) {
        if (!table.hasDeclaredTypes() && table.attributes().values().stream().noneMatch(Column::refusesNull)) {
            return;
        }
        Column key = table.attribute(table.primaryKey());
        boolean stringKey = key != null && key.type() == DeclaredType.STRING && action != WriteAction.UPDATE;
        for (ObjectNode record : records) {
            if (stringKey && TypedValues.isNull(record.get(table.primaryKey()))) {
                record.put(table.primaryKey(), UUID.randomUUID().toString()); // as Harper, observed §9
            }
            List<String> faults = faults(table, action, record);
            if (!faults.isEmpty()) {
                throw HarperException.badRequest(String.join(". ", faults));
            }
        }
    }

    private static List<String> faults(TableMeta table, WriteAction action, ObjectNode record) {
        List<String> faults = new ArrayList<>();
        for (Column column : table.attributes().values()) {
            String attribute = column.attribute();
            JsonNode value = record.get(attribute);
            boolean given = record.has(attribute);
            try {
                if (TypedValues.isNull(value)) {
                    boolean checked = given || action == WriteAction.INSERT;
                    if (checked && column.refusesNull() && !(attribute.equals(table.primaryKey()) && !given)) {
                        throw TypedValues.nullNotAllowed(attribute);
                    }
                } else if (column.type() != null && column.type() != DeclaredType.ANY) {
                    record.set(attribute, TypedValues.castJson(column.type(), attribute, value));
                }
            } catch (NotCastableException e) {
                faults.add(e.getMessage());
            }
        }
        return faults;
    }
}
