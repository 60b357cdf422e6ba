package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.TreeSet;
import java.util.concurrent.locks.Lock;

/**
 * Writes records into a table with Harper's insert / update / upsert semantics (spec §3.5) as JDBC
 * batches on the caller's connection; the caller owns the transaction. One call = one transaction
 * time for every record it writes.
 */
public class RecordWriter {
    private static final String DUPLICATE_KEY = "23505";

    private final Catalog catalog;
    private final KeyGenerator keys;

    public RecordWriter(Catalog catalog, KeyGenerator keys) {
        this.catalog = catalog;
        this.keys = keys;
    }

    /** A record ready to write: its encoded key, its key value and its attributes (timestamps removed). */
    private record Pending(String key, JsonNode keyValue, ObjectNode values) {
    }

    public WriteResult write(Connection c, TableMeta table, WriteAction action, List<ObjectNode> records, double txTime)
            throws SQLException {
        List<JsonNode> skipped = new ArrayList<>();
        Map<String, Pending> pending = prepare(table, action, records, skipped);
        Map<String, ColumnKind> needed = neededKinds(pending.values());
        List<String> newAttributes = new ArrayList<>();
        for (String a : needed.keySet()) {
            if (table.attribute(a) == null) {
                newAttributes.add(a);
            }
        }
        Lock lock = lockCompatibleSchema(table, needed);
        try {
            List<JsonNode> written = switch (action) {
                case INSERT -> insert(c, table, pending, txTime, skipped);
                case UPDATE -> update(c, table, pending, txTime, skipped);
                case UPSERT -> upsert(c, table, pending, txTime);
            };
            return new WriteResult(written, skipped, newAttributes);
        } finally {
            lock.unlock();
        }
    }

    /** Resolves keys and folds duplicate keys: the first wins for insert, later ones merge over it otherwise. */
    private Map<String, Pending> prepare(TableMeta table, WriteAction action, List<ObjectNode> records,
                                         List<JsonNode> skipped) {
        String pk = table.primaryKey();
        Map<String, Pending> pending = new LinkedHashMap<>(records.size() * 2);
        for (ObjectNode record : records) {
            ObjectNode values = record.deepCopy();
            values.remove(TableMeta.CREATED_TIME);
            values.remove(TableMeta.UPDATED_TIME);
            JsonNode keyValue = values.get(pk);
            if (keyValue == null || keyValue.isNull()) {
                if (action == WriteAction.UPDATE) {
                    throw new MissingKeyException();
                }
                keyValue = LongNode.valueOf(keys.next());
                values.set(pk, keyValue);
            } else if (!ValueCodec.isKeyType(keyValue)) {
                throw new IllegalArgumentException("primary key '" + pk + "' must be a string or a number");
            }
            String key = ValueCodec.encodeKey(keyValue);
            Pending earlier = pending.get(key);
            if (earlier == null) {
                pending.put(key, new Pending(key, keyValue, values));
            } else if (action == WriteAction.INSERT) {
                skipped.add(keyValue);
            } else {
                earlier.values().setAll(values);
            }
        }
        return pending;
    }

    private static Map<String, ColumnKind> neededKinds(Iterable<Pending> pending) {
        Map<String, ColumnKind> needed = new LinkedHashMap<>();
        for (Pending p : pending) {
            Iterator<Map.Entry<String, JsonNode>> fields = p.values().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                needed.merge(f.getKey(), ColumnKind.of(f.getValue()), ColumnKind::widen);
            }
        }
        return needed;
    }

    /** Adds or widens columns, then holds the schema read lock once every column fits its values. */
    private Lock lockCompatibleSchema(TableMeta table, Map<String, ColumnKind> needed) {
        while (true) {
            catalog.ensureColumns(table, needed);
            Lock lock = table.schemaLock().readLock();
            lock.lock();
            if (fits(table, needed)) {
                return lock;
            }
            lock.unlock(); // another writer changed the schema in between; evolve again
        }
    }

    private static boolean fits(TableMeta table, Map<String, ColumnKind> needed) {
        for (Map.Entry<String, ColumnKind> e : needed.entrySet()) {
            Column column = table.attribute(e.getKey());
            if (column == null || column.kind().widen(e.getValue()) != column.kind()) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> insert(Connection c, TableMeta table, Map<String, Pending> pending, double txTime,
                                         List<JsonNode> skipped) throws SQLException {
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            insertRows(c, table, pending.values(), txTime);
            return keysOf(pending.values());
        } catch (BatchUpdateException e) {
            if (savepoint == null || !DUPLICATE_KEY.equals(rootState(e))) {
                throw e;
            }
            // Some keys exist already: the slow path finds them and inserts the rest.
            c.rollback(savepoint);
            Set<String> existing = KeyLookup.existing(c, table, pending.keySet());
            List<Pending> fresh = new ArrayList<>();
            for (Pending p : pending.values()) {
                if (existing.contains(p.key())) {
                    skipped.add(p.keyValue());
                } else {
                    fresh.add(p);
                }
            }
            insertRows(c, table, fresh, txTime);
            return keysOf(fresh);
        }
    }

    private static List<JsonNode> update(Connection c, TableMeta table, Map<String, Pending> pending, double txTime,
                                         List<JsonNode> skipped) throws SQLException {
        Set<String> existing = KeyLookup.existing(c, table, pending.keySet());
        List<Pending> found = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (existing.contains(p.key())) {
                found.add(p);
            } else {
                skipped.add(p.keyValue());
            }
        }
        updateRows(c, table, found, txTime);
        return keysOf(found);
    }

    private static List<JsonNode> upsert(Connection c, TableMeta table, Map<String, Pending> pending, double txTime)
            throws SQLException {
        Set<String> existing = KeyLookup.existing(c, table, pending.keySet());
        List<Pending> fresh = new ArrayList<>();
        List<Pending> found = new ArrayList<>();
        for (Pending p : pending.values()) {
            (existing.contains(p.key()) ? found : fresh).add(p);
        }
        insertRows(c, table, fresh, txTime);
        updateRows(c, table, found, txTime);
        return keysOf(pending.values());
    }

    private static void insertRows(Connection c, TableMeta table, Iterable<Pending> rows, double txTime)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (Column column : table.attributes().values()) {
            if (column.hasColumn()) {
                columns.add(column);
            }
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.sqlName()).append(" (K, CT, UT");
        int params = 3;
        for (Column column : columns) {
            sql.append(", ").append(ValueCodec.selectList(column));
            params += ValueCodec.width(column);
        }
        sql.append(") VALUES (?");
        sql.append(",?".repeat(params - 1)).append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int count = 0;
            for (Pending p : rows) {
                ps.setString(1, p.key());
                ps.setDouble(2, txTime);
                ps.setDouble(3, txTime);
                int index = 4;
                for (Column column : columns) {
                    index = ValueCodec.bind(ps, index, column, p.values().get(column.attribute()));
                }
                ps.addBatch();
                count++;
            }
            if (count > 0) {
                ps.executeBatch();
            }
        }
    }

    /** Merges: only the attributes a record carries are set; the rest keep their values (spec §3.5). */
    private static void updateRows(Connection c, TableMeta table, List<Pending> rows, double txTime)
            throws SQLException {
        Map<Set<String>, List<Pending>> byShape = new LinkedHashMap<>();
        for (Pending p : rows) {
            Set<String> shape = new TreeSet<>();
            p.values().fieldNames().forEachRemaining(shape::add);
            shape.remove(table.primaryKey());
            byShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<Set<String>, List<Pending>> group : byShape.entrySet()) {
            List<Column> columns = new ArrayList<>();
            StringBuilder sql = new StringBuilder("UPDATE ").append(table.sqlName()).append(" SET UT = ?");
            for (String attribute : group.getKey()) {
                Column column = table.attribute(attribute);
                if (!column.hasColumn()) {
                    continue;
                }
                columns.add(column);
                sql.append(", ").append(column.quotedColumn()).append(" = ?");
                if (column.tagColumnName() != null) {
                    sql.append(", ").append(column.quotedTagColumn()).append(" = ?");
                }
            }
            sql.append(" WHERE K = ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (Pending p : group.getValue()) {
                    ps.setDouble(1, txTime);
                    int index = 2;
                    for (Column column : columns) {
                        index = ValueCodec.bind(ps, index, column, p.values().get(column.attribute()));
                    }
                    ps.setString(index, p.key());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static List<JsonNode> keysOf(Iterable<Pending> rows) {
        List<JsonNode> out = new ArrayList<>();
        for (Pending p : rows) {
            out.add(p.keyValue());
        }
        return out;
    }

    private static String rootState(SQLException e) {
        SQLException current = e;
        while (current != null) {
            if (DUPLICATE_KEY.equals(current.getSQLState())) {
                return DUPLICATE_KEY;
            }
            current = current.getNextException();
        }
        Throwable cause = e.getCause();
        return cause instanceof SQLException s ? s.getSQLState() : e.getSQLState();
    }

    /** Deletes records by key; returns the keys deleted and those not found, in input order. */
    public WriteResult delete(Connection c, TableMeta table, List<JsonNode> keyValues) throws SQLException {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        List<JsonNode> skipped = new ArrayList<>();
        for (JsonNode k : keyValues) {
            if (ValueCodec.isKeyType(k)) {
                byKey.putIfAbsent(ValueCodec.encodeKey(k), k);
            } else {
                skipped.add(k);
            }
        }
        Lock lock = table.schemaLock().readLock();
        lock.lock();
        try {
            Set<String> existing = KeyLookup.existing(c, table, byKey.keySet());
            List<JsonNode> deleted = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.sqlName() + " WHERE K = ?")) {
                for (Map.Entry<String, JsonNode> e : byKey.entrySet()) {
                    if (existing.contains(e.getKey())) {
                        ps.setString(1, e.getKey());
                        ps.addBatch();
                        deleted.add(e.getValue());
                    } else {
                        skipped.add(e.getValue());
                    }
                }
                if (!deleted.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return new WriteResult(deleted, skipped, List.of());
        } finally {
            lock.unlock();
        }
    }

}
