package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;

/**
 * Writes records into a table with Harper's insert / update / upsert semantics (contract §3.5) as JDBC
 * batches on the caller's connection; the caller owns the transaction. One call = one transaction
 * time for every record it writes.
 */
public class RecordWriter {
    private static final String DUPLICATE_KEY = "23505";

    private final Catalog catalog;
    private final KeyGenerator keys;
    private final SqlDialect dialect;
    private final RowWrites writes;

    public RecordWriter(Catalog catalog, KeyGenerator keys) {
        this(catalog, keys, RowWrites.of(catalog.store().dialect()));
    }

    /** With the given way of writing rows instead of the engine's own (tests compare the two). */
    RecordWriter(Catalog catalog, KeyGenerator keys, RowWrites writes) {
        this.catalog = catalog;
        this.keys = keys;
        this.dialect = catalog.store().dialect();
        this.writes = writes;
    }

    /** A record ready to write: its encoded key, its key value and its attributes (timestamps removed). */
    private record Pending(String key, JsonNode keyValue, ObjectNode values) implements RowWrites.NewRow {
    }

    /**
     * One input record as the answer reports it: the key Harper echoes (JSON null for a generated key,
     * docs/harper-observed.md §3) and whether an earlier record of the same request had the same key.
     */
    private record Input(String key, JsonNode reportedKey, boolean repeated) {
    }

    /** The records of one request, folded by key, and each input record in request order. */
    private record Prepared(Map<String, Pending> pending, List<Input> inputs) {
    }

    public WriteResult write(Connection c, TableMeta table, WriteAction action, List<ObjectNode> records, double txTime)
            throws SQLException {
        Prepared prepared = prepare(table, action, records);
        // rows go to Derby in key order, so any two transactions take their row locks in the same order
        Map<String, Pending> pending = new TreeMap<>(prepared.pending());
        Map<String, ColumnKind> needed = neededKinds(table, pending.values());
        List<String> newAttributes = new ArrayList<>();
        for (String a : needed.keySet()) {
            if (table.attribute(a) == null) {
                newAttributes.add(a);
            }
        }
        Lock lock = lockCompatibleSchema(table, needed);
        try {
            Map<String, RecordOutcome> byKey = switch (action) {
                case INSERT -> insert(c, table, pending, txTime);
                case UPDATE -> update(c, table, pending, txTime);
                case UPSERT -> upsert(c, table, pending, txTime);
            };
            return report(action, prepared.inputs(), byKey, newAttributes);
        } catch (SQLException e) {
            throw dialect.withoutValues(e); // a failure's message reaches the job's message and the API's answer
        } finally {
            lock.unlock();
        }
    }

    /**
     * What write would do, without writing: each record's outcome against the table as it is now, and
     * the attributes it would add. Nothing is written and no column is added (a load's dry run).
     */
    public WriteResult preview(Connection c, TableMeta table, WriteAction action, List<ObjectNode> records)
            throws SQLException {
        Prepared prepared = prepare(table, action, records);
        Map<String, ColumnKind> needed = neededKinds(table, prepared.pending().values());
        List<String> newAttributes = new ArrayList<>();
        for (String a : needed.keySet()) {
            if (table.attribute(a) == null) {
                newAttributes.add(a);
            }
        }
        Map<String, RecordOutcome> byKey = switch (action) {
            case INSERT -> outcomes(prepared.pending().keySet(), KeyLookup.existing(c, table, prepared.pending().keySet()),
                    RecordOutcome.KEY_EXISTS);
            case UPDATE -> merged(table, prepared.pending(), stored(c, table, prepared.pending()),
                    RecordOutcome.KEY_NOT_FOUND);
            case UPSERT -> merged(table, prepared.pending(), stored(c, table, prepared.pending()),
                    RecordOutcome.INSERTED);
        };
        return report(action, prepared.inputs(), byKey, newAttributes);
    }

    /**
     * Harper reports every input record, in request order: a repeated key is skipped for insert (first
     * wins) but counted again for update and upsert, whose records merge one after the other.
     */
    private static WriteResult report(WriteAction action, List<Input> inputs, Map<String, RecordOutcome> byKey,
                                      List<String> newAttributes) {
        List<JsonNode> written = new ArrayList<>();
        List<JsonNode> skipped = new ArrayList<>();
        List<RecordOutcome> outcomes = new ArrayList<>(inputs.size());
        for (Input input : inputs) {
            RecordOutcome outcome = byKey.get(input.key());
            if (input.repeated() && outcome.written()) {
                // for insert the first of a key wins; a later one of upsert merged into the record just created
                outcome = action == WriteAction.INSERT ? RecordOutcome.DUPLICATE_KEY
                        : outcome == RecordOutcome.INSERTED ? RecordOutcome.UPDATED : outcome;
            }
            outcomes.add(outcome);
            (outcome.written() ? written : skipped).add(input.reportedKey());
        }
        return new WriteResult(written, skipped, newAttributes, outcomes);
    }

    /** Resolves keys and folds duplicate keys: the first wins for insert, later ones merge over it otherwise. */
    private Prepared prepare(TableMeta table, WriteAction action, List<ObjectNode> records) {
        String pk = table.primaryKey();
        Map<String, Pending> pending = new LinkedHashMap<>(records.size() * 2);
        List<Input> inputs = new ArrayList<>(records.size());
        for (ObjectNode record : records) {
            ObjectNode values = ownValues(record, pk);
            JsonNode keyValue = values.get(pk);
            JsonNode reportedKey = keyValue;
            if (keyValue == null || keyValue.isNull()) {
                if (action == WriteAction.UPDATE) {
                    throw new MissingKeyException();
                }
                keyValue = LongNode.valueOf(keys.next());
                reportedKey = NullNode.instance;
                values.set(pk, keyValue);
            } else if (!ValueCodec.isKeyType(keyValue)) {
                throw new IllegalArgumentException("primary key '" + pk + "' must be a string or a number");
            }
            refuseUnstorableText(values);
            String key = ValueCodec.encodeKey(keyValue);
            if (!dialect.indexHoldsKey(key)) {
                throw new IllegalArgumentException("primary key '" + pk + "' is longer than the PostgreSQL store's"
                        + " index holds (" + PostgresDialect.MAX_KEY_BYTES + " bytes of UTF-8)");
            }
            Pending earlier = pending.get(key);
            if (earlier == null) {
                pending.put(key, new Pending(key, keyValue, values));
            } else if (action != WriteAction.INSERT) {
                ObjectNode merged = earlier.values().deepCopy();
                merged.setAll(values);
                pending.put(key, new Pending(key, earlier.keyValue(), merged));
            }
            inputs.add(new Input(key, reportedKey, earlier != null));
        }
        return new Prepared(pending, inputs);
    }

    /** A text the engine cannot keep (PostgreSQL: U+0000) is the client's error, refused before anything is written. */
    private void refuseUnstorableText(ObjectNode values) {
        if (dialect.storesEveryString()) {
            return; // a load's hot path: no walk over every value where nothing can be refused
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = values.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isTextual()) {
                Optional<String> unstorable = dialect.unstorablePart(field.getValue().textValue());
                if (unstorable.isPresent()) {
                    throw new IllegalArgumentException("value of attribute '" + field.getKey() + "' holds "
                            + unstorable.get() + ", which a PostgreSQL store cannot keep");
                }
            }
        }
    }

    /**
     * The record's attributes without the timestamps Harper ignores (contract §3.5). The caller's record is
     * copied only when it must change, since copying every record of a large request costs memory.
     */
    private static ObjectNode ownValues(ObjectNode record, String pk) {
        JsonNode key = record.get(pk);
        boolean unchanged = key != null && !key.isNull()
                && !record.has(TableMeta.CREATED_TIME) && !record.has(TableMeta.UPDATED_TIME);
        if (unchanged) {
            return record;
        }
        ObjectNode values = record.deepCopy();
        values.remove(TableMeta.CREATED_TIME);
        values.remove(TableMeta.UPDATED_TIME);
        return values;
    }

    /**
     * The attributes whose column is missing or cannot hold a value of the batch, with the kind they
     * need. Empty in the common case, where every value fits the existing columns.
     */
    private static Map<String, ColumnKind> neededKinds(TableMeta table, Iterable<Pending> pending) {
        Map<String, Column> columns = table.attributes();
        Map<String, ColumnKind> needed = null;
        for (Pending p : pending) {
            Iterator<Map.Entry<String, JsonNode>> fields = p.values().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                Column column = columns.get(f.getKey());
                ColumnKind kind = ColumnKind.of(f.getValue());
                if (column == null || column.kind().widen(kind) != column.kind()) {
                    if (needed == null) {
                        needed = new LinkedHashMap<>();
                    }
                    needed.merge(f.getKey(), kind, ColumnKind::widen);
                }
            }
        }
        return needed == null ? Map.of() : needed;
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

    private Map<String, RecordOutcome> insert(Connection c, TableMeta table, Map<String, Pending> pending,
                                              double txTime) throws SQLException {
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            insertRows(c, table, pending.values(), txTime);
            return outcomes(pending.keySet(), Set.of(), RecordOutcome.KEY_EXISTS);
        } catch (SQLException e) {
            // Derby's batch fails with a BatchUpdateException, PostgreSQL's COPY with the server's error
            if (savepoint == null || !DUPLICATE_KEY.equals(rootState(e))) {
                throw e;
            }
            // Some keys exist already: the slow path finds them and inserts the rest.
            c.rollback(savepoint);
            Set<String> existing = KeyLookup.existing(c, table, pending.keySet());
            List<Pending> fresh = new ArrayList<>();
            for (Pending p : pending.values()) {
                if (!existing.contains(p.key())) {
                    fresh.add(p);
                }
            }
            insertRows(c, table, fresh, txTime);
            return outcomes(pending.keySet(), existing, RecordOutcome.KEY_EXISTS);
        }
    }

    /** INSERTED for each key not in found, UPDATED for the found ones when found means written, else ifFound. */
    private static Map<String, RecordOutcome> outcomes(Set<String> keys, Set<String> found, RecordOutcome ifFound) {
        Map<String, RecordOutcome> out = new HashMap<>(keys.size() * 2);
        for (String key : keys) {
            out.put(key, found.contains(key) ? ifFound : RecordOutcome.INSERTED);
        }
        return out;
    }

    private Map<String, RecordOutcome> update(Connection c, TableMeta table, Map<String, Pending> pending,
                                                     double txTime) throws SQLException {
        Map<String, ObjectNode> stored = stored(c, table, pending);
        List<Pending> found = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (stored.containsKey(p.key())) {
                found.add(p);
            }
        }
        updateRows(c, table, found, txTime);
        return merged(table, pending, stored, RecordOutcome.KEY_NOT_FOUND);
    }

    private Map<String, RecordOutcome> upsert(Connection c, TableMeta table, Map<String, Pending> pending,
                                              double txTime) throws SQLException {
        Map<String, ObjectNode> stored = stored(c, table, pending);
        List<Pending> fresh = new ArrayList<>();
        List<Pending> found = new ArrayList<>();
        for (Pending p : pending.values()) {
            (stored.containsKey(p.key()) ? found : fresh).add(p);
        }
        insertRows(c, table, fresh, txTime);
        updateRows(c, table, found, txTime);
        return merged(table, pending, stored, RecordOutcome.INSERTED);
    }

    /** The stored records of the pending keys, with just the attributes the pending records carry. */
    private static Map<String, ObjectNode> stored(Connection c, TableMeta table, Map<String, Pending> pending)
            throws SQLException {
        Set<String> carried = new HashSet<>();
        for (Pending p : pending.values()) {
            p.values().fieldNames().forEachRemaining(carried::add);
        }
        return KeyLookup.records(c, table, pending.keySet(), carried);
    }

    /**
     * The outcome of merging each pending record into its stored one: UNCHANGED when every value it
     * carries is the stored value already, else UPDATED; ifMissing for a key not stored.
     */
    private static Map<String, RecordOutcome> merged(TableMeta table, Map<String, Pending> pending,
                                                     Map<String, ObjectNode> stored, RecordOutcome ifMissing) {
        Map<String, RecordOutcome> out = new HashMap<>(pending.size() * 2);
        for (Pending p : pending.values()) {
            ObjectNode before = stored.get(p.key());
            out.put(p.key(), before == null ? ifMissing
                    : changes(table, before, p.values()) ? RecordOutcome.UPDATED : RecordOutcome.UNCHANGED);
        }
        return out;
    }

    private static boolean changes(TableMeta table, ObjectNode before, ObjectNode values) {
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals(table.primaryKey()) && !sameValue(before.get(f.getKey()), f.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Stored numbers come back as doubles: 3 and 3.0 are the same value, as in JavaScript. */
    private static boolean sameValue(JsonNode stored, JsonNode given) {
        boolean storedNull = stored == null || stored.isNull();
        boolean givenNull = given == null || given.isNull();
        if (storedNull || givenNull) {
            return storedNull && givenNull;
        }
        if (stored.isNumber() && given.isNumber()) {
            return stored.doubleValue() == given.doubleValue();
        }
        return stored.equals(given);
    }

    private void insertRows(Connection c, TableMeta table, Iterable<Pending> rows, double txTime)
            throws SQLException {
        writes.insert(c, table, rows, txTime);
    }

    /** Merges: only the attributes a record carries are set; the rest keep their values (contract §3.5). */
    private void updateRows(Connection c, TableMeta table, List<Pending> rows, double txTime)
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
            for (String attribute : group.getKey()) {
                Column column = table.attribute(attribute);
                if (column.hasColumn()) {
                    columns.add(column);
                }
            }
            writes.update(c, table, columns, group.getValue(), txTime);
        }
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
            Set<String> inKeyOrder = new TreeSet<>(); // the lock order of write()
            for (Map.Entry<String, JsonNode> e : byKey.entrySet()) {
                if (existing.contains(e.getKey())) {
                    inKeyOrder.add(e.getKey());
                    deleted.add(e.getValue());
                } else {
                    skipped.add(e.getValue());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.sqlName() + " WHERE K = ?")) {
                for (String key : inKeyOrder) {
                    ps.setString(1, key);
                    ps.addBatch();
                }
                if (!inKeyOrder.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return new WriteResult(deleted, skipped, List.of());
        } finally {
            lock.unlock();
        }
    }

}
