package dev.caravan.store;

import static dev.caravan.store.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's bulk paths store every value exactly as the JDBC batches of INSERT and UPDATE do on the
 * same engine: the same records written each way read back the same, every JSON type and edge case included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowWritesTest {
    @TempDir
    static Path dir;
    private StoreFixture store;

    @BeforeAll
    void open() {
        store = new StoreFixture(StoreEngine.POSTGRESQL, dir);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void eachEngineHasItsOwnBulkInsert() {
        assertInstanceOf(BatchedWrites.class, RowWrites.of(SqlDialect.DERBY));
        assertInstanceOf(CopiedWrites.class, RowWrites.of(SqlDialect.POSTGRESQL));
    }

    /** Records with every kind of value, in columns of each kind, TEXT ones mixing types. */
    private static List<ObjectNode> records() {
        String[] values = {"1", "-0.0", "0.1", "1.7976931348623157e308", "4.9e-324", "-2.5e-300", "9007199254740993",
            "true", "false", "null", "''", "'plain'", "'tab\\tnew\\nline\\r back\\\\slash quote\\\" comma,'",
            "'\\u00e9\\u4e2d\\ud83d\\ude00'", "[1,'a',null,{'b':[]}]", "{'x':{'y':1.5}}", "[]", "{}", "'007'"};
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ObjectNode r = (ObjectNode) json("{'id':" + i + ",'mixed':" + values[i] + "}");
            r.set("n", json(String.valueOf(i * 0.5)));
            r.put("b", i % 2 == 0);
            r.put("s", "s" + i);
            if (i % 3 == 0) {
                r.putNull("s"); // a null in a column of strings
            }
            if (i % 4 == 0) {
                r.remove("n"); // an attribute a record lacks
            }
            records.add(r);
        }
        records.add((ObjectNode) json("{'id':'a string key','mixed':'last','n':3,'b':true,'s':'x'}"));
        return records;
    }

    private List<String> readBack(TableMeta table) {
        List<String> rows = new ArrayList<>();
        store.readAll(table).stream().sorted(Comparator.comparing(r -> ValueCodec.encodeKey(r.get("id")))).forEach(r -> {
            r.remove("__createdtime__");
            r.remove("__updatedtime__");
            rows.add(HarperJson.write(r));
        });
        return rows;
    }

    /** New values for the records: each record's values moved to the next record, a few attributes dropped. */
    private static List<ObjectNode> changed(List<ObjectNode> records) {
        List<ObjectNode> changed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode next = records.get((i + 1) % records.size()).deepCopy();
            next.set("id", records.get(i).get("id"));
            if (i % 5 == 0) {
                next.remove("s"); // an update that leaves s as it was
            }
            changed.add(next);
        }
        return changed;
    }

    @Test
    void updatesFromArraysStoreEveryValueAsJdbcBatchesDo() {
        RecordWriter batched = new RecordWriter(store.catalog(), new KeyGenerator(), new BatchedWrites());
        TableMeta viaBatches = store.createTable("ri", "batched_updates", "id");
        TableMeta viaArrays = store.createTable("ri", "array_updates", "id");
        store.store().inTransaction(c -> batched.write(c, viaBatches, WriteAction.INSERT, records(), 1.0));
        store.write(viaArrays, WriteAction.INSERT, records());

        WriteResult byBatches = store.store().inTransaction(
                c -> batched.write(c, viaBatches, WriteAction.UPDATE, changed(records()), 2.0));
        WriteResult byArrays = store.write(viaArrays, WriteAction.UPDATE, changed(records()));

        assertEquals(byBatches.outcomes(), byArrays.outcomes());
        List<String> expected = readBack(viaBatches);
        assertEquals(expected, readBack(viaArrays));
        assertNotEquals(readBack(viaArrays), readBackOf(records()), "the update changed the records");
    }

    /** The records as the store reads them back, to tell that an update changed something. */
    private List<String> readBackOf(List<ObjectNode> records) {
        TableMeta fresh = store.createTable("ri", "fresh" + System.nanoTime(), "id");
        store.write(fresh, WriteAction.INSERT, records);
        return readBack(fresh);
    }

    @Test
    void copyStoresEveryValueAsJdbcBatchesDo() {
        RecordWriter batched = new RecordWriter(store.catalog(), new KeyGenerator(), new BatchedWrites());
        TableMeta viaBatches = store.createTable("ri", "batched", "id");
        TableMeta viaCopy = store.createTable("ri", "copied", "id");

        store.store().inTransaction(c -> batched.write(c, viaBatches, WriteAction.INSERT, records(), 1.0));
        store.write(viaCopy, WriteAction.INSERT, records());

        List<String> expected = readBack(viaBatches);
        assertEquals(records().size(), expected.size());
        assertEquals(expected, readBack(viaCopy));
    }
}
