package dev.caravan.store;

import static dev.caravan.store.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
 * PostgreSQL's COPY path stores every value exactly as the JDBC batches of INSERT do on the same engine:
 * the same records written each way read back the same, every JSON type and edge case included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowInsertsTest {
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
        assertInstanceOf(BatchedInserts.class, RowInserts.of(SqlDialect.DERBY));
        assertInstanceOf(CopiedInserts.class, RowInserts.of(SqlDialect.POSTGRESQL));
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

    @Test
    void copyStoresEveryValueAsJdbcBatchesDo() {
        RecordWriter batched = new RecordWriter(store.catalog(), new KeyGenerator(), new BatchedInserts());
        TableMeta viaBatches = store.createTable("ri", "batched", "id");
        TableMeta viaCopy = store.createTable("ri", "copied", "id");

        store.store().inTransaction(c -> batched.write(c, viaBatches, WriteAction.INSERT, records(), 1.0));
        store.write(viaCopy, WriteAction.INSERT, records());

        List<String> expected = readBack(viaBatches);
        assertEquals(records().size(), expected.size());
        assertEquals(expected, readBack(viaCopy));
    }
}
