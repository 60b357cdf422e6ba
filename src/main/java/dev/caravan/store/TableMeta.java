package dev.caravan.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Harper table: its names, its SQL table, and its attributes. Attributes are an immutable
 * snapshot replaced whole when the schema changes, so readers never see half a change.
 */
public final class TableMeta {
    public static final String CREATED_TIME = "__createdtime__";
    public static final String UPDATED_TIME = "__updatedtime__";
    /** Columns every data table has: the type-tagged primary key and the two timestamps. */
    public static final String KEY_COLUMN = "K";
    public static final String CREATED_COLUMN = "CT";
    public static final String UPDATED_COLUMN = "UT";

    private final String id;
    private final String database;
    private final String name;
    private final String primaryKey;
    private final String derbySchema;
    private final String derbyTable;
    private final double createdTime;
    /** Created with an attributes list (create_table's attributes): Harper's schema_defined. */
    private final boolean schemaDefined;
    private volatile Map<String, Column> attributes;
    /** Writers hold the read side while they write; a column migration holds the write side. */
    private final ReadWriteLock schemaLock = new ReentrantReadWriteLock();
    /** Held by each write transaction on the table (TableWrites); fair, so a load's batches let API writes in. */
    private final Lock writeLock = new ReentrantLock(true);

    public TableMeta(String id, String database, String name, String primaryKey, String derbySchema,
                     String derbyTable, double createdTime, Map<String, Column> attributes) {
        this(id, database, name, primaryKey, derbySchema, derbyTable, createdTime, attributes, false);
    }

    public TableMeta(String id, String database, String name, String primaryKey, String derbySchema,
                     String derbyTable, double createdTime, Map<String, Column> attributes, boolean schemaDefined) {
        this.id = id;
        this.database = database;
        this.name = name;
        this.primaryKey = primaryKey;
        this.derbySchema = derbySchema;
        this.derbyTable = derbyTable;
        this.createdTime = createdTime;
        this.schemaDefined = schemaDefined;
        this.attributes = inCreationOrder(attributes);
    }

    public String id() {
        return id;
    }

    public String database() {
        return database;
    }

    public String name() {
        return name;
    }

    public String primaryKey() {
        return primaryKey;
    }

    public String derbySchema() {
        return derbySchema;
    }

    public double createdTime() {
        return createdTime;
    }

    public boolean schemaDefined() {
        return schemaDefined;
    }

    /** Whether any attribute has a declared type (its values are cast and checked by it). */
    public boolean hasDeclaredTypes() {
        for (Column column : attributes.values()) {
            if (column.type() != null) {
                return true;
            }
        }
        return false;
    }

    /** The quoted SQL name, e.g. "D1"."T4": generated, so short on every engine (Catalog). */
    public String sqlName() {
        return '"' + derbySchema + "\".\"" + derbyTable + '"';
    }

    public String derbyTable() {
        return derbyTable;
    }

    public ReadWriteLock schemaLock() {
        return schemaLock;
    }

    /** Taken before the schema lock, by TableWrites only. */
    Lock writeLock() {
        return writeLock;
    }

    /** Data attributes (primary key included, timestamps excluded) in creation order. */
    public Map<String, Column> attributes() {
        return attributes;
    }

    public Column attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    void replaceAttributes(Map<String, Column> replacement) {
        this.attributes = inCreationOrder(replacement);
    }

    private static Map<String, Column> inCreationOrder(Map<String, Column> attributes) {
        Map<String, Column> ordered = new LinkedHashMap<>();
        attributes.values().stream().sorted(Comparator.comparingLong(Column::ordinal))
                .forEach(c -> ordered.put(c.attribute(), c));
        return Collections.unmodifiableMap(ordered);
    }

    public boolean isTimestamp(String attributeName) {
        return CREATED_TIME.equals(attributeName) || UPDATED_TIME.equals(attributeName);
    }

    /** Whether the attribute exists: a data attribute or one of the two timestamps. */
    public boolean hasAttribute(String attributeName) {
        return isTimestamp(attributeName) || attributes.containsKey(attributeName);
    }

    /** Harper's order for "*": primary key, the two timestamps, then the rest in creation order. */
    public List<String> allAttributeNames() {
        List<String> names = new ArrayList<>();
        names.add(primaryKey);
        names.add(CREATED_TIME);
        names.add(UPDATED_TIME);
        for (String a : attributes.keySet()) {
            if (!a.equals(primaryKey)) {
                names.add(a);
            }
        }
        return names;
    }

    /**
     * The columns of a "*" export in CSV (contract §8): primary key, the two timestamps, then the other
     * attributes alphabetically (Harper sorts them; the API's records keep creation order).
     */
    public List<String> exportColumnNames() {
        List<String> names = allAttributeNames();
        List<String> rest = new ArrayList<>(names.subList(3, names.size()));
        rest.sort(null);
        List<String> ordered = new ArrayList<>(names.subList(0, 3));
        ordered.addAll(rest);
        return ordered;
    }

    public String qualifiedName() {
        return database + "." + name;
    }
}
