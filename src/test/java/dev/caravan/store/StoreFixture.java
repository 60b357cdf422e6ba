package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real store of one engine (on Derby under a temporary folder) with the beans that write and read
 * records, for tests of the store below the HTTP API. It can be closed and opened again on the same database.
 */
final class StoreFixture implements AutoCloseable {
    private final Supplier<Store> opener;
    private final TxClock clock = new TxClock();
    private Store store;
    private Catalog catalog;
    private RecordWriter writer;

    /** A new store of the engine; on Derby under dir/data. */
    StoreFixture(StoreEngine engine, Path dir) {
        this(engine.reopenable(dir, 4));
    }

    /** A store that opener opens, each call again on the same database. */
    StoreFixture(Supplier<Store> opener) {
        this.opener = opener;
        open();
    }

    private void open() {
        store = opener.get();
        catalog = new Catalog(store, clock);
        writer = new RecordWriter(catalog, new KeyGenerator());
    }

    /** Closes the store cleanly and opens the same database again, as a server restart does. */
    void reopen() {
        store.close();
        open();
    }

    Catalog catalog() {
        return catalog;
    }

    RecordWriter writer() {
        return writer;
    }

    Store store() {
        return store;
    }

    TableMeta createTable(String database, String name, String primaryKey) {
        return catalog.createTable(database, name, primaryKey).orElseThrow();
    }

    TableMeta table(String database, String name) {
        Optional<TableMeta> table = catalog.table(database, name);
        return table.orElseThrow(() -> new AssertionError("no table " + database + "." + name));
    }

    /** One request's write in one transaction; records are JSON text with single quotes for double quotes. */
    WriteResult write(TableMeta table, WriteAction action, String recordsJson) {
        List<ObjectNode> records = new ArrayList<>();
        for (JsonNode r : json(recordsJson)) {
            records.add((ObjectNode) r);
        }
        return write(table, action, records);
    }

    WriteResult write(TableMeta table, WriteAction action, List<ObjectNode> records) {
        return store.inTransaction(c -> writer.write(c, table, action, records, clock.next()));
    }

    WriteResult delete(TableMeta table, String keysJson) {
        List<JsonNode> keys = new ArrayList<>();
        json(keysJson).forEach(keys::add);
        return store.inTransaction(c -> writer.delete(c, table, keys));
    }

    /** The record with the key, every attribute in Harper's "*" order; empty when absent. */
    Optional<ObjectNode> read(TableMeta table, JsonNode key) {
        RowShape shape = RowShape.all(table);
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + shape.selectList() + " FROM " + table.sqlName() + " WHERE K = ?")) {
                ps.setString(1, ValueCodec.encodeKey(key));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(shape.read(rs)) : Optional.empty();
                }
            }
        });
    }

    ObjectNode readExisting(TableMeta table, JsonNode key) {
        return read(table, key).orElseThrow(() -> new AssertionError("no record " + key + " in " + table.name()));
    }

    /** Every record of the table, every attribute. */
    List<ObjectNode> readAll(TableMeta table) {
        RowShape shape = RowShape.all(table);
        return store.inTransaction(c -> {
            List<ObjectNode> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + shape.selectList() + " FROM " + table.sqlName());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(shape.read(rs));
                }
            }
            return all;
        });
    }

    long count(TableMeta table) {
        return TableStats.of(store, table).recordCount();
    }

    static JsonNode json(String text) {
        try {
            return HarperJson.parse(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
