package dev.caravan.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Harper's data model in the store: each database a schema, each table an SQL table, each attribute
 * a column. Harper names (up to 250 characters, any printable ASCII) map to generated names (D1, T2, C3)
 * kept in the CARAVAN catalog tables, so no Harper name ever meets an engine's identifier rules (Derby's
 * 128 characters, PostgreSQL's 63 bytes).
 */
public class Catalog {
    private final Store store;
    private final TxClock clock;
    /** database name -> (table name -> table); a database with no tables maps to an empty map. */
    private final Map<String, Map<String, TableMeta>> databases = new ConcurrentHashMap<>();
    private final Map<String, DatabaseInfo> databaseInfo = new ConcurrentHashMap<>();
    /** The change counter, on a store several processes share; null on one only this process opens. */
    private final ChangeCounter version;
    /** The counter's value the maps above show (shared store only). */
    private volatile long knownVersion;
    /**
     * Held while this node's maps take in a change (its own, or others' at a refresh), so a refresh's
     * older reading never undoes a change of this node's made meanwhile. Taken after any table's schema
     * lock, never before one.
     */
    private final ReentrantLock reconciling = new ReentrantLock();

    public record DatabaseInfo(String name, String derbySchema, double createdTime) {
    }

    public Catalog(Store store, TxClock clock) {
        this.store = store;
        this.clock = clock;
        createCatalogTables();
        CatalogUpgrade.addMissingColumns(store);
        SqlFunctions.install(store);
        version = store.dialect().sharedByProcesses() ? new ChangeCounter(store, "CATALOG_VERSION") : null;
        store.inTransaction(c -> {
            knownVersion = version == null ? 0 : version.read(c); // the version first, then the rows
            reconcile(read(c));
            return null;
        });
    }

    /** The store the catalog and its tables live in. */
    Store store() {
        return store;
    }

    private void createCatalogTables() {
        SqlDialect dialect = store.dialect();
        List<String> ddl = new ArrayList<>();
        if (dialect.createSchemaIfMissing("CARAVAN").isEmpty()) {
            ddl.add("CREATE SCHEMA CARAVAN"); // Derby makes a schema with its first table, but the sequence comes first
        }
        String time = dialect.doubleType();
        ddl.add("CREATE SEQUENCE CARAVAN.NAMES AS BIGINT START WITH 1");
        ddl.add("CREATE TABLE CARAVAN.DATABASES (NAME VARCHAR(1024) NOT NULL PRIMARY KEY,"
                + " SCHEMA_NAME VARCHAR(128) NOT NULL, CREATED_TIME " + time + " NOT NULL)");
        ddl.add("CREATE TABLE CARAVAN.TABLES (DB VARCHAR(1024) NOT NULL, NAME VARCHAR(1024) NOT NULL,"
                + " ID VARCHAR(36) NOT NULL, TABLE_NAME VARCHAR(128) NOT NULL,"
                + " PRIMARY_KEY VARCHAR(1024) NOT NULL, CREATED_TIME " + time + " NOT NULL, PRIMARY KEY (DB, NAME))");
        ddl.add("CREATE TABLE CARAVAN.ATTRIBUTES (DB VARCHAR(1024) NOT NULL, TBL VARCHAR(1024) NOT NULL,"
                + " NAME VARCHAR(1024) NOT NULL, COLUMN_NAME VARCHAR(128), KIND CHAR(1) NOT NULL,"
                + " ORDINAL BIGINT NOT NULL, PRIMARY KEY (DB, TBL, NAME))");
        store.createTablesIfMissing("CARAVAN", "DATABASES", ddl.toArray(String[]::new));
    }

    /** The catalog as committed: databases and their tables, as new objects (reconcile takes them in). */
    private record Snapshot(Map<String, DatabaseInfo> databases, Map<String, Map<String, TableMeta>> tables) {
    }

    private static Snapshot read(Connection c) throws SQLException {
        Map<String, DatabaseInfo> infos = new HashMap<>();
        Map<String, Map<String, TableMeta>> tables = new HashMap<>();
        Map<String, Map<String, Column>> attributesByTable = new HashMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT NAME, SCHEMA_NAME, CREATED_TIME FROM CARAVAN.DATABASES")) {
                while (rs.next()) {
                    DatabaseInfo info = new DatabaseInfo(rs.getString(1), rs.getString(2), rs.getDouble(3));
                    infos.put(info.name(), info);
                    tables.put(info.name(), new HashMap<>());
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT DB, TBL, NAME, COLUMN_NAME, KIND, ORDINAL, DECLARED_TYPE,"
                    + " NULLABLE FROM CARAVAN.ATTRIBUTES")) {
                while (rs.next()) {
                    attributesByTable.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new HashMap<>())
                            .put(rs.getString(3), storedColumn(rs));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT DB, NAME, ID, TABLE_NAME, PRIMARY_KEY, CREATED_TIME, SCHEMA_DEFINED FROM CARAVAN.TABLES")) {
                while (rs.next()) {
                    String db = rs.getString(1);
                    String name = rs.getString(2);
                    TableMeta t = new TableMeta(rs.getString(3), db, name, rs.getString(5),
                            infos.get(db).derbySchema(), rs.getString(4), rs.getDouble(6),
                            attributesByTable.getOrDefault(db + "\u0000" + name, Map.of()), rs.getBoolean(7));
                    tables.get(db).put(name, t);
                }
            }
        }
        return new Snapshot(infos, tables);
    }

    /**
     * Makes the maps show the snapshot, in place: a table that still exists (same ID) keeps its TableMeta,
     * whose holders (in-flight reads and writes, with its schema lock) see its new attributes; new
     * databases and tables are added, dropped ones removed. The caller holds the schema write locks it
     * can (refresh, change).
     */
    private void reconcile(Snapshot committed) {
        databases.keySet().removeIf(db -> !committed.databases().containsKey(db));
        databaseInfo.keySet().removeIf(db -> !committed.databases().containsKey(db));
        for (Map.Entry<String, Map<String, TableMeta>> db : committed.tables().entrySet()) {
            databaseInfo.put(db.getKey(), committed.databases().get(db.getKey()));
            Map<String, TableMeta> current = databases.computeIfAbsent(db.getKey(), k -> new ConcurrentHashMap<>());
            current.keySet().removeIf(name -> !db.getValue().containsKey(name));
            for (TableMeta fresh : db.getValue().values()) {
                TableMeta kept = current.get(fresh.name());
                if (kept == null || !kept.id().equals(fresh.id())) {
                    current.put(fresh.name(), fresh); // new, or dropped and created again
                } else if (!kept.attributes().equals(fresh.attributes())) {
                    kept.replaceAttributes(fresh.attributes());
                }
            }
        }
    }

    /**
     * Brings this node's copy up to date with other nodes' committed changes, when the counter moved;
     * nothing on a store this process alone opens. Run by a timer (routes/catalog-refresh.camel.yaml),
     * so no request ever waits for it.
     */
    public void refresh() {
        if (version == null) {
            return;
        }
        // the version first, then the rows: a change committed between is in the rows, and seen again next time
        long seen = version.read();
        if (seen == knownVersion) {
            return;
        }
        Snapshot committed = store.inTransaction(Catalog::read);
        // the schema write locks of the tables whose attributes changed, before the reconciling lock (the
        // order ensureColumns takes them in), so no in-flight local write sees its table's columns move
        List<TableMeta> changed = new ArrayList<>();
        for (Map.Entry<String, Map<String, TableMeta>> db : committed.tables().entrySet()) {
            for (TableMeta fresh : db.getValue().values()) {
                TableMeta kept = table(db.getKey(), fresh.name()).orElse(null);
                if (kept != null && kept.id().equals(fresh.id()) && !kept.attributes().equals(fresh.attributes())) {
                    changed.add(kept);
                }
            }
        }
        changed.sort(Comparator.comparing(TableMeta::id));
        changed.forEach(t -> t.schemaLock().writeLock().lock());
        reconciling.lock();
        try {
            if (knownVersion < seen) { // else a change of this node's, made meanwhile, already showed newer rows
                reconcile(committed);
                knownVersion = seen;
            }
        } finally {
            reconciling.unlock();
            changed.forEach(t -> t.schemaLock().writeLock().unlock());
        }
    }

    /**
     * Runs a catalog change in one transaction. On a shared store it first moves the counter, which
     * takes its row lock (catalog changes from all nodes take turns); when another node changed the
     * catalog since this node last read it, the maps are brought up to date under that lock, so the
     * work judges ("already exists", "has a column") against the latest state. The work records its
     * own in-memory updates with store.afterCommit.
     *
     * The catch-up here takes no table's schema lock: a local thread may hold one and be waiting for the
     * row lock this transaction holds. That is safe enough: another node's change has already committed
     * in the database, so holding this node's lock could not keep it from an in-flight local write; it
     * would only delay when this node learns of it (the timer's refresh, which can wait, does take them).
     */
    private <T> T change(Store.SqlWork<T> work) {
        if (version == null) {
            return store.inTransaction(work);
        }
        reconciling.lock();
        try {
            return store.inTransaction(c -> {
                long moved = version.bump(c);
                if (moved != knownVersion + 1) {
                    reconcile(read(c));
                    knownVersion = moved - 1; // what is committed while this transaction holds the row
                }
                T result = work.run(c);
                store.afterCommit(c, () -> knownVersion = moved);
                return result;
            });
        } finally {
            reconciling.unlock();
        }
    }

    /** A catalog row of CARAVAN.ATTRIBUTES (DB, TBL, NAME, COLUMN_NAME, KIND, ORDINAL, DECLARED_TYPE, NULLABLE). */
    private static Column storedColumn(ResultSet rs) throws SQLException {
        String typeName = rs.getString(7);
        boolean nullable = rs.getBoolean(8);
        Boolean declaredNullable = rs.wasNull() ? null : nullable;
        DeclaredType type = typeName == null ? null : DeclaredType.named(typeName)
                .orElseThrow(() -> new IllegalStateException("unknown declared type " + typeName));
        return new Column(rs.getString(3), rs.getString(4), ColumnKind.ofCode(rs.getString(5)), rs.getLong(6),
                type, declaredNullable);
    }

    public Collection<String> databaseNames() {
        return new TreeMap<>(databases).keySet();
    }

    public boolean hasDatabase(String name) {
        return databases.containsKey(name);
    }

    public Optional<DatabaseInfo> databaseInfo(String name) {
        return Optional.ofNullable(databaseInfo.get(name));
    }

    /** Tables of one database, by name, sorted. */
    public Map<String, TableMeta> tables(String database) {
        Map<String, TableMeta> tables = databases.get(database);
        return tables == null ? Map.of() : new TreeMap<>(tables);
    }

    public Optional<TableMeta> table(String database, String table) {
        Map<String, TableMeta> tables = databases.get(database);
        return tables == null ? Optional.empty() : Optional.ofNullable(tables.get(table));
    }

    /** Creates the database; false when it already exists. */
    public synchronized boolean createDatabase(String name) {
        return change(c -> !databases.containsKey(name) && insertDatabase(c, name) != null);
    }

    /** Creates the database in the caller's transaction; the maps show it once that commits. */
    private DatabaseInfo insertDatabase(Connection c, String name) throws SQLException {
        String schema = "D" + nextName(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA \"" + schema + '"');
        }
        double now = clock.next();
        Store.update(c, "INSERT INTO CARAVAN.DATABASES (NAME, SCHEMA_NAME, CREATED_TIME) VALUES (?, ?, ?)",
                name, schema, now);
        DatabaseInfo info = new DatabaseInfo(name, schema, now);
        store.afterCommit(c, () -> {
            databaseInfo.put(name, info);
            databases.putIfAbsent(name, new ConcurrentHashMap<>());
        });
        return info;
    }

    /** Drops the database with all its tables; false when it does not exist. */
    public synchronized boolean dropDatabase(String name) {
        if (databaseInfo.get(name) == null && version == null) {
            return false;
        }
        for (TableMeta t : tables(name).values()) {
            dropTable(name, t.name());
        }
        return change(c -> {
            DatabaseInfo info = databaseInfo.get(name);
            if (info == null) {
                return false;
            }
            // tables another node created meanwhile (shared store only): dropped without their schema
            // lock, which no local write can hold on a table this node only now learnt of
            for (TableMeta t : tables(name).values()) {
                dropDataTable(c, t);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA \"" + info.derbySchema() + "\" RESTRICT");
            }
            Store.update(c, "DELETE FROM CARAVAN.DATABASES WHERE NAME = ?", name);
            store.afterCommit(c, () -> {
                databases.remove(name);
                databaseInfo.remove(name);
            });
            return true;
        });
    }

    /** Creates the table (and its database if missing); empty when the table already exists. */
    public synchronized Optional<TableMeta> createTable(String database, String name, String primaryKey) {
        return createTable(database, name, primaryKey, null);
    }

    /**
     * Creates the table with its declared attributes (null: an untyped table, as Harper's create_table
     * without attributes). A typed attribute gets its column now, of its type's kind, so no value of
     * another kind ever widens it; the primary key is declared whether or not the list names it.
     */
    public synchronized Optional<TableMeta> createTable(String database, String name, String primaryKey,
                                                        List<AttributeDeclaration> declared) {
        boolean schemaDefined = declared != null;
        return change(c -> {
            DatabaseInfo info = databaseInfo.get(database);
            if (info == null) {
                info = insertDatabase(c, database);
            } else if (databases.get(database).containsKey(name)) {
                return Optional.empty();
            }
            double now = clock.next();
            String derbyTable = "T" + nextName(c);
            try (Statement s = c.createStatement()) {
                s.execute(createDataTable(info.derbySchema(), derbyTable));
            }
            String id = UUID.randomUUID().toString();
            Store.update(c, "INSERT INTO CARAVAN.TABLES (DB, NAME, ID, TABLE_NAME, PRIMARY_KEY, CREATED_TIME, SCHEMA_DEFINED)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", database, name, id, derbyTable, primaryKey, now, schemaDefined);
            TableMeta created = new TableMeta(id, database, name, primaryKey, info.derbySchema(), derbyTable, now,
                    Map.of(), schemaDefined);
            Map<String, Column> columns = new HashMap<>();
            List<AttributeDeclaration> all = new ArrayList<>();
            if (declared == null || declared.stream().noneMatch(d -> d.name().equals(primaryKey))) {
                all.add(new AttributeDeclaration(primaryKey, null, null));
            }
            if (declared != null) {
                all.addAll(declared);
            }
            for (AttributeDeclaration d : all) {
                Column column = declaredColumn(c, created, d);
                insertAttribute(c, database, name, column);
                columns.put(d.name(), column);
            }
            created.replaceAttributes(columns);
            store.afterCommit(c, () -> databases.computeIfAbsent(database, k -> new ConcurrentHashMap<>())
                    .put(name, created));
            return Optional.of(created);
        });
    }

    /** A data table: the encoded key, sorting as ValueCodec.encodeKey orders it, and the two timestamps. */
    private String createDataTable(String schema, String table) {
        SqlDialect dialect = store.dialect();
        return "CREATE TABLE \"" + schema + "\".\"" + table + "\" ("
                + TableMeta.KEY_COLUMN + " " + dialect.codePointText(ValueCodec.MAX_KEY) + " NOT NULL PRIMARY KEY, "
                + TableMeta.CREATED_COLUMN + " " + dialect.doubleType() + " NOT NULL, "
                + TableMeta.UPDATED_COLUMN + " " + dialect.doubleType() + " NOT NULL)";
    }

    private Column declaredColumn(Connection c, TableMeta table, AttributeDeclaration d) throws SQLException {
        long ordinal = nextName(c);
        ColumnKind kind = d.type() == null ? ColumnKind.NONE : d.type().kind();
        Column column = new Column(d.name(), kind == ColumnKind.NONE ? null : "C" + ordinal, kind, ordinal,
                d.type(), d.nullable());
        if (column.hasColumn()) {
            addColumns(c, table, column);
        }
        return column;
    }

    public synchronized boolean dropTable(String database, String name) {
        Optional<TableMeta> found = table(database, name);
        if (found.isEmpty() && version == null) {
            return false;
        }
        // the table as this node knows it, if it does; on a shared store the change below judges again
        // (another node may have dropped it, or created it unbeknown to this node: no local write holds
        // the schema lock of a table this node only now learns of)
        Optional<Lock> lock = found.map(t -> t.schemaLock().writeLock());
        lock.ifPresent(Lock::lock);
        try {
            return change(c -> {
                Optional<TableMeta> current = table(database, name);
                if (current.isEmpty()) {
                    return false;
                }
                dropDataTable(c, current.get());
                store.afterCommit(c, () -> databases.get(database).remove(name, current.get()));
                return true;
            });
        } finally {
            lock.ifPresent(Lock::unlock);
        }
    }

    /** Drops the table's data and catalog rows in the caller's transaction. */
    private static void dropDataTable(Connection c, TableMeta t) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + t.sqlName());
        }
        Store.update(c, "DELETE FROM CARAVAN.ATTRIBUTES WHERE DB = ? AND TBL = ?", t.database(), t.name());
        Store.update(c, "DELETE FROM CARAVAN.TABLES WHERE DB = ? AND NAME = ?", t.database(), t.name());
    }

    /** Declares an attribute without a column (create_attribute); false when it exists. */
    public boolean createAttribute(TableMeta table, String attribute) {
        synchronized (table) {
            return change(c -> {
                if (table.hasAttribute(attribute)) {
                    return false;
                }
                Column declared = new Column(attribute, null, ColumnKind.NONE, nextName(c));
                insertAttribute(c, table.database(), table.name(), declared);
                store.afterCommit(c, () -> {
                    Map<String, Column> next = new HashMap<>(table.attributes());
                    next.put(attribute, declared);
                    table.replaceAttributes(next);
                });
                return true;
            });
        }
    }

    /** Drops an attribute and its values; false when it does not exist. */
    public boolean dropAttribute(TableMeta table, String attribute) {
        table.schemaLock().writeLock().lock();
        try {
            synchronized (table) {
                return change(c -> {
                    Column column = table.attribute(attribute);
                    if (column == null) {
                        return false;
                    }
                    dropColumns(c, table, column);
                    Store.update(c, "DELETE FROM CARAVAN.ATTRIBUTES WHERE DB = ? AND TBL = ? AND NAME = ?",
                            table.database(), table.name(), attribute);
                    store.afterCommit(c, () -> {
                        Map<String, Column> next = new HashMap<>(table.attributes());
                        next.remove(attribute);
                        table.replaceAttributes(next);
                    });
                    return true;
                });
            }
        } finally {
            table.schemaLock().writeLock().unlock();
        }
    }

    /**
     * Makes sure every attribute has a column that can hold the given kind: adds columns for new
     * attributes and widens a column to TEXT when a value of another kind arrives. Must be called
     * without holding the table's schema read lock.
     */
    public void ensureColumns(TableMeta table, Map<String, ColumnKind> needed) {
        if (!needsChange(table, needed)) {
            return;
        }
        table.schemaLock().writeLock().lock();
        try {
            synchronized (table) {
                change(c -> {
                    // judged here, after a shared store's catch-up: another node may have added the column
                    if (!needsChange(table, needed)) {
                        return null;
                    }
                    Map<String, Column> next = new HashMap<>(table.attributes());
                    for (Map.Entry<String, ColumnKind> e : needed.entrySet()) {
                        Column current = next.get(e.getKey());
                        Column wanted = evolve(c, table, e.getKey(), current, e.getValue());
                        if (wanted != current) {
                            next.put(e.getKey(), wanted);
                        }
                    }
                    store.afterCommit(c, () -> table.replaceAttributes(next));
                    return null;
                });
            }
        } finally {
            table.schemaLock().writeLock().unlock();
        }
    }

    private static boolean needsChange(TableMeta table, Map<String, ColumnKind> needed) {
        for (Map.Entry<String, ColumnKind> e : needed.entrySet()) {
            Column current = table.attribute(e.getKey());
            if (current == null || current.kind().widen(e.getValue()) != current.kind()) {
                return true;
            }
        }
        return false;
    }

    private Column evolve(Connection c, TableMeta table, String attribute, Column current, ColumnKind needed)
            throws SQLException {
        ColumnKind from = current == null ? ColumnKind.NONE : current.kind();
        ColumnKind to = from.widen(needed);
        if (current != null && to == from) {
            return current;
        }
        if (current != null && current.type() != null && current.type().fixesKind()) {
            throw new DeclaredTypeException(current, needed);
        }
        long name = nextName(c);
        String columnName = to == ColumnKind.NONE ? null : "C" + name;
        Column next = current == null ? new Column(attribute, columnName, to, name) : current.stored(columnName, to);
        if (next.hasColumn()) {
            addColumns(c, table, next);
        }
        if (current != null && current.hasColumn()) {
            ColumnMigration.copyAsText(c, table, current, next);
            dropColumns(c, table, current);
        }
        if (current == null) {
            insertAttribute(c, table.database(), table.name(), next);
        } else {
            Store.update(c, "UPDATE CARAVAN.ATTRIBUTES SET COLUMN_NAME = ?, KIND = ?"
                    + " WHERE DB = ? AND TBL = ? AND NAME = ?", next.columnName(), String.valueOf(next.kind().code()), table.database(), table.name(), attribute);
        }
        return next;
    }

    private void addColumns(Connection c, TableMeta table, Column column) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table.sqlName() + " ADD COLUMN " + column.quotedColumn() + " "
                    + column.kind().sqlType(store.dialect()));
            if (column.tagColumnName() != null) {
                s.execute("ALTER TABLE " + table.sqlName() + " ADD COLUMN " + column.quotedTagColumn() + " CHAR(1)");
            }
        }
    }

    private static void dropColumns(Connection c, TableMeta table, Column column) throws SQLException {
        if (!column.hasColumn()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table.sqlName() + " DROP COLUMN " + column.quotedColumn());
            if (column.tagColumnName() != null) {
                s.execute("ALTER TABLE " + table.sqlName() + " DROP COLUMN " + column.quotedTagColumn());
            }
        }
    }

    private static void insertAttribute(Connection c, String db, String table, Column column) throws SQLException {
        Store.update(c, "INSERT INTO CARAVAN.ATTRIBUTES (DB, TBL, NAME, COLUMN_NAME, KIND, ORDINAL, DECLARED_TYPE, NULLABLE)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", db, table, column.attribute(), column.columnName(),
                String.valueOf(column.kind().code()), column.ordinal(),
                column.type() == null ? null : column.type().harperName(), column.nullable());
    }

    private long nextName(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(store.dialect().nextValueQuery("CARAVAN.NAMES"))) {
            rs.next();
            return rs.getLong(1);
        }
    }


    /** All tables of all databases (for describe_all and permission checks). */
    public List<TableMeta> allTables() {
        List<TableMeta> all = new ArrayList<>();
        for (String db : databaseNames()) {
            all.addAll(tables(db).values());
        }
        return all;
    }
}
