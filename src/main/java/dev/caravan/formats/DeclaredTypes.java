package dev.caravan.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.store.Column;
import dev.caravan.store.DeclaredType;
import dev.caravan.store.NotCastableException;
import dev.caravan.store.TableMeta;
import dev.caravan.store.TypedValues;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The casting of a load into a table with declared types, or of a load with a types field: a declared
 * attribute's value is cast by its type (store/TypedValues) or its row fails, NOT_CASTABLE, with Harper's
 * message; a null where nullable is false fails it too (NULL_NOT_ALLOWED). Other attributes, and Any,
 * keep Harper's casting. An empty CSV cell is null for every type but String (which keeps the cell
 * exactly, "" included) and Any, as Harper's CSV loads have it.
 */
public final class DeclaredTypes implements ValueCaster {
    private final Map<String, DeclaredType> types;
    private final Set<String> refusingNull;
    /** The primary key when it is typed String, else null. */
    private final String stringKey;
    private final ValueCaster harper = ValueCaster.harper();

    private DeclaredTypes(Map<String, DeclaredType> types, Set<String> refusingNull, String primaryKey) {
        this.types = Map.copyOf(types);
        this.refusingNull = Set.copyOf(refusingNull);
        this.stringKey = primaryKey != null && types.get(primaryKey) == DeclaredType.STRING ? primaryKey : null;
    }

    /**
     * The table's declared types with a load's types over them (a load may name attributes the table
     * does not type; LoadTypes refuses one that contradicts a declared type), or empty when neither
     * types anything.
     */
    public static Optional<DeclaredTypes> of(TableMeta table, Map<String, DeclaredType> loadTypes) {
        Map<String, DeclaredType> types = new HashMap<>();
        Set<String> refusingNull = new HashSet<>();
        for (Column column : table.attributes().values()) {
            if (column.type() != null) {
                types.put(column.attribute(), column.type());
            }
            if (column.refusesNull()) {
                refusingNull.add(column.attribute());
            }
        }
        types.putAll(loadTypes);
        if (types.isEmpty() && refusingNull.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeclaredTypes(types, refusingNull, table.primaryKey()));
    }

    /** Types without a table (tests, and any caller with types of its own). */
    public static DeclaredTypes of(Map<String, DeclaredType> types, Set<String> refusingNull, String primaryKey) {
        return new DeclaredTypes(types, refusingNull, primaryKey);
    }

    @Override
    public JsonNode castCell(String attribute, String cell) {
        DeclaredType type = types.get(attribute);
        JsonNode value;
        if (type == null || type == DeclaredType.ANY) {
            value = harper.castCell(attribute, cell);
        } else if (type != DeclaredType.STRING && (cell.isEmpty() || cell.equals("null"))) {
            value = NullNode.instance;
        } else {
            value = rejecting(() -> TypedValues.castCell(type, attribute, cell));
        }
        return checkedNull(attribute, value);
    }

    @Override
    public JsonNode castJson(String attribute, JsonNode value) {
        DeclaredType type = types.get(attribute);
        if (TypedValues.isNull(value)) {
            return checkedNull(attribute, NullNode.instance);
        }
        if (type == null || type == DeclaredType.ANY) {
            return checkedNull(attribute, harper.castJson(attribute, value));
        }
        return rejecting(() -> TypedValues.castJson(type, attribute, value));
    }

    /** A cast whose refusal is the row's outcome. */
    private static JsonNode rejecting(java.util.function.Supplier<JsonNode> cast) {
        try {
            return cast.get();
        } catch (NotCastableException e) {
            throw rejected(e);
        }
    }

    private static RowRejectedException rejected(NotCastableException e) {
        return new RowRejectedException(e.nullValue() ? RowReason.NULL_NOT_ALLOWED : RowReason.NOT_CASTABLE,
                e.attribute(), e.value(), e.getMessage());
    }

    private JsonNode checkedNull(String attribute, JsonNode value) {
        if (TypedValues.isNull(value) && refusingNull.contains(attribute)) {
            throw rejected(TypedValues.nullNotAllowed(attribute));
        }
        return value;
    }

    /**
     * Fails a whole record that lacks an attribute declared nullable: false (Harper's insert checks
     * every declared attribute, not only those the record has).
     */
    public void requireDeclared(ObjectNode record) {
        for (String attribute : refusingNull) {
            if (TypedValues.isNull(record.get(attribute))) {
                throw rejected(TypedValues.nullNotAllowed(attribute));
            }
        }
    }

    /** Whether any attribute must be present (nullable: false). */
    public boolean requiresAttributes() {
        return !refusingNull.isEmpty();
    }

    /** Whether a record without a key gets a string one (the key is typed String). */
    public boolean generatesStringKeys() {
        return stringKey != null;
    }

    /**
     * Gives a record without a key a UUID when the key is typed String, as Harper does (observed §9);
     * the store's generated keys are numbers, which a String key cannot hold.
     */
    public void fillStringKey(ObjectNode record) {
        if (stringKey != null && TypedValues.isNull(record.get(stringKey))) {
            record.put(stringKey, UUID.randomUUID().toString());
        }
    }
}
