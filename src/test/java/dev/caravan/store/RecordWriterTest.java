package dev.caravan.store;

import static dev.caravan.store.StoreFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Harper's insert / update / upsert semantics on a real table of each engine (contract §3.5, observed §3). */
@ParameterizedClass
@EnumSource(StoreEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordWriterTest {
    @Parameter
    StoreEngine engine;
    @TempDir
    static Path dir;
    private StoreFixture store;

    @BeforeParameterizedClassInvocation
    void open() {
        store = new StoreFixture(engine, dir);
    }

    @AfterParameterizedClassInvocation
    void close() {
        store.close();
    }

    private TableMeta table(String name) {
        return store.createTable("rw", name, "id");
    }

    private static String keys(List<JsonNode> keys) {
        ArrayNode array = HarperJson.array();
        keys.forEach(array::add);
        return HarperJson.write(array);
    }

    /** JSON text in Harper's form; single quotes stand for double quotes. */
    private static String expected(String json) {
        return HarperJson.write(json(json));
    }

    @Test
    void insertSkipsExistingKeysAndLeavesThemUntouched() {
        TableMeta t = table("insert_skip");
        store.write(t, WriteAction.INSERT, "[{'id':1,'name':'a'}]");
        double created = store.readExisting(t, json("1")).get("__createdtime__").doubleValue();

        WriteResult r = store.write(t, WriteAction.INSERT, "[{'id':1,'name':'dup'},{'id':2,'name':'b'}]");

        assertEquals("[2]", keys(r.writtenKeys()));
        assertEquals("[1]", keys(r.skippedKeys()));
        ObjectNode one = store.readExisting(t, json("1"));
        assertEquals("a", one.get("name").asText());
        assertEquals(created, one.get("__updatedtime__").doubleValue());
    }

    /**
     * The existing key is in the second JDBC batch, after the first has run: the savepoint undoes both
     * and the slow path writes the rest. PostgreSQL would abort the whole transaction without it.
     */
    @Test
    void insertOverAnExistingKeyPastTheFirstBatchWritesEveryOtherRecord() {
        TableMeta t = table("insert_skip_late");
        store.write(t, WriteAction.INSERT, "[{'id':1500,'name':'kept'}]");
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            records.add((ObjectNode) json("{'id':" + i + ",'name':'new'}"));
        }

        WriteResult r = store.write(t, WriteAction.INSERT, records);

        assertEquals("[1500]", keys(r.skippedKeys()));
        assertEquals(2499, r.writtenKeys().size());
        assertEquals(2500, store.count(t));
        assertEquals("kept", store.readExisting(t, json("1500")).get("name").asText());
        assertEquals("new", store.readExisting(t, json("2499")).get("name").asText());
    }

    @Test
    void insertOfDuplicateKeysInOneRequestKeepsTheFirst() {
        TableMeta t = table("insert_dup");
        WriteResult r = store.write(t, WriteAction.INSERT, "[{'id':50,'name':'x1'},{'id':50,'name':'x2','extra':1}]");

        assertEquals("[50]", keys(r.writtenKeys()));
        assertEquals("[50]", keys(r.skippedKeys()));
        assertEquals("x1", store.readExisting(t, json("50")).get("name").asText());
    }

    @Test
    void skippedKeysAreReportedInRequestOrder() {
        TableMeta t = table("skip_order");
        store.write(t, WriteAction.INSERT, "[{'id':1}]");
        WriteResult r = store.write(t, WriteAction.INSERT, "[{'id':1},{'id':7},{'id':7},{'id':8}]");

        assertEquals("[7,8]", keys(r.writtenKeys()));
        assertEquals("[1,7]", keys(r.skippedKeys()));
    }

    @Test
    void updateSkipsMissingKeysAndCreatesNothing() {
        TableMeta t = table("update_missing");
        store.write(t, WriteAction.INSERT, "[{'id':2,'name':'b'}]");
        WriteResult r = store.write(t, WriteAction.UPDATE, "[{'id':2,'name':'b2'},{'id':998,'name':'ghost'}]");

        assertEquals("[2]", keys(r.writtenKeys()));
        assertEquals("[998]", keys(r.skippedKeys()));
        assertTrue(store.read(t, json("998")).isEmpty());
        assertEquals(1, store.count(t));
    }

    @Test
    void updateMergesAndKeepsOtherAttributes() {
        TableMeta t = table("update_merge");
        store.write(t, WriteAction.INSERT, "[{'id':1,'name':'a','age':30}]");
        store.write(t, WriteAction.UPDATE, "[{'id':1,'name':'a2','added':7}]");

        assertEquals(expected("{'id':1,'name':'a2','age':30,'added':7}"), withoutTimes(store.readExisting(t, json("1"))));
    }

    @Test
    void updateWithoutKeyIsRejectedBeforeWriting() {
        TableMeta t = table("update_nokey");
        store.write(t, WriteAction.INSERT, "[{'id':1,'name':'a'}]");
        assertThrows(MissingKeyException.class,
                () -> store.write(t, WriteAction.UPDATE, "[{'id':1,'name':'changed'},{'name':'nokey'}]"));
        assertEquals("a", store.readExisting(t, json("1")).get("name").asText());
    }

    @Test
    void updateKeepsCreatedTimeAndAdvancesUpdatedTime() {
        TableMeta t = table("update_times");
        store.write(t, WriteAction.INSERT, "[{'id':1,'name':'a'}]");
        ObjectNode before = store.readExisting(t, json("1"));
        store.write(t, WriteAction.UPDATE, "[{'id':1,'name':'b'}]");
        ObjectNode after = store.readExisting(t, json("1"));

        assertEquals(before.get("__createdtime__"), after.get("__createdtime__"));
        assertTrue(after.get("__updatedtime__").doubleValue() > before.get("__updatedtime__").doubleValue());
    }

    @Test
    void duplicateKeysInOneUpdateMergeInOrderAndAllCount() {
        TableMeta t = table("update_dup");
        store.write(t, WriteAction.INSERT, "[{'id':1,'a':'x','b':1}]");
        WriteResult r = store.write(t, WriteAction.UPDATE,
                "[{'id':1,'a':'p1','e':1},{'id':1,'a':'p2'},{'id':9,'a':'z'},{'id':9,'a':'z2'}]");

        assertEquals("[1,1]", keys(r.writtenKeys()));
        assertEquals("[9,9]", keys(r.skippedKeys()));
        assertEquals(expected("{'id':1,'a':'p2','b':1,'e':1}"), withoutTimes(store.readExisting(t, json("1"))));
    }

    @Test
    void upsertMergesIntoExistingAndCreatesMissing() {
        TableMeta t = table("upsert_merge");
        store.write(t, WriteAction.INSERT, "[{'id':1,'name':'a','added':7}]");
        WriteResult r = store.write(t, WriteAction.UPSERT, "[{'id':1,'name':'a3'},{'id':100,'name':'new100'}]");

        assertEquals("[1,100]", keys(r.writtenKeys()));
        assertEquals("[]", keys(r.skippedKeys()));
        assertEquals(expected("{'id':1,'name':'a3','added':7}"), withoutTimes(store.readExisting(t, json("1"))));
        assertEquals("new100", store.readExisting(t, json("100")).get("name").asText());
    }

    @Test
    void duplicateKeysInOneUpsertMergeInOrderAndAllCount() {
        TableMeta t = table("upsert_dup");
        store.write(t, WriteAction.INSERT, "[{'id':1,'a':'x','b':1}]");
        WriteResult r = store.write(t, WriteAction.UPSERT,
                "[{'id':1,'a':'u1'},{'id':1,'c':'u2'},{'id':2,'a':'n1'},{'id':2,'a':'n2','d':4}]");

        assertEquals("[1,1,2,2]", keys(r.writtenKeys()));
        assertEquals(expected("{'id':1,'a':'u1','b':1,'c':'u2','d':null}"), withoutTimes(store.readExisting(t, json("1"))));
        assertEquals(expected("{'id':2,'a':'n2','b':null,'c':null,'d':4}"), withoutTimes(store.readExisting(t, json("2"))));
    }

    @Test
    void missingOrNullKeysAreGeneratedUniqueNumbersAndReportedAsNull() {
        TableMeta t = table("generated");
        WriteResult r = store.write(t, WriteAction.INSERT,
                "[{'name':'a'},{'id':null,'name':'b'},{'name':'c'},{'id':5,'name':'d'}]");

        assertEquals("[null,null,null,5]", keys(r.writtenKeys()));
        Set<JsonNode> ids = new HashSet<>();
        for (ObjectNode record : store.readAll(t)) {
            JsonNode id = record.get("id");
            assertTrue(id.isIntegralNumber(), "numeric generated key: " + record);
            assertTrue(id.longValue() < (1L << 53), "a key JavaScript can hold exactly: " + id);
            ids.add(id);
        }
        assertEquals(4, ids.size());
    }

    @Test
    void upsertWithoutKeyCreatesARecord() {
        TableMeta t = table("upsert_nokey");
        WriteResult r = store.write(t, WriteAction.UPSERT, "[{'name':'upsert nokey'}]");

        assertEquals("[null]", keys(r.writtenKeys()));
        assertEquals(1, store.count(t));
    }

    @Test
    void generatedKeysDifferAcrossRequests() {
        TableMeta t = table("generated_twice");
        for (int i = 0; i < 20; i++) {
            store.write(t, WriteAction.INSERT, "[{'n':" + i + "}]");
        }
        Set<JsonNode> ids = new HashSet<>();
        store.readAll(t).forEach(r -> ids.add(r.get("id")));
        assertEquals(20, ids.size());
    }

    @Test
    void emptyStringAndStringTwoAreKeysOfTheirOwn() {
        TableMeta t = table("string_keys");
        WriteResult r = store.write(t, WriteAction.INSERT, "[{'id':2,'n':'number'},{'id':'2','n':'string'},{'id':'','n':'empty'}]");

        assertEquals("[2,\"2\",\"\"]", keys(r.writtenKeys()));
        assertEquals("number", store.readExisting(t, json("2")).get("n").asText());
        assertEquals("string", store.readExisting(t, json("'2'")).get("n").asText());
        assertEquals(json("''"), store.readExisting(t, json("''")).get("id"));
    }

    @Test
    void suppliedTimestampsAreIgnored() {
        TableMeta t = table("timestamps");
        store.write(t, WriteAction.INSERT, "[{'id':32,'__createdtime__':5,'__updatedtime__':6}]");
        ObjectNode record = store.readExisting(t, json("32"));

        assertNotEquals(5.0, record.get("__createdtime__").doubleValue());
        assertEquals(record.get("__createdtime__"), record.get("__updatedtime__"));
        assertFalse(t.attributes().containsKey("__createdtime__"));
    }

    @Test
    void allRecordsOfOneWriteShareOneTransactionTime() {
        TableMeta t = table("one_time");
        store.write(t, WriteAction.INSERT, "[{'id':1},{'id':2},{'id':3}]");
        Set<JsonNode> times = new HashSet<>();
        for (ObjectNode r : store.readAll(t)) {
            times.add(r.get("__createdtime__"));
            times.add(r.get("__updatedtime__"));
        }
        assertEquals(1, times.size());
    }

    /** Many records, so that the engine's bulk path carries them (several JDBC batches on Derby, one COPY on PostgreSQL). */
    private static List<ObjectNode> numbered(int from, int to, String name) {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add((ObjectNode) json("{'id':" + i + ",'name':'" + name + "'}"));
        }
        return records;
    }

    private static long count(List<RecordOutcome> outcomes, RecordOutcome outcome) {
        return outcomes.stream().filter(outcome::equals).count();
    }

    @Test
    void insertReportsInsertedKeyExistsAndDuplicateKeyForEachRecordInRequestOrder() {
        TableMeta t = table("insert_outcomes");
        store.write(t, WriteAction.INSERT, "[{'id':1700,'name':'kept'}]");
        List<ObjectNode> records = numbered(0, 2500, "new");
        records.add(1, (ObjectNode) json("{'id':0,'name':'repeat'}"));

        List<RecordOutcome> outcomes = store.write(t, WriteAction.INSERT, records).outcomes();

        assertEquals(2501, outcomes.size());
        assertEquals(List.of(RecordOutcome.INSERTED, RecordOutcome.DUPLICATE_KEY, RecordOutcome.INSERTED),
                outcomes.subList(0, 3));
        assertEquals(RecordOutcome.KEY_EXISTS, outcomes.get(1701));
        assertEquals(2499, count(outcomes, RecordOutcome.INSERTED));
        assertEquals(2500, store.count(t));
        assertEquals("kept", store.readExisting(t, json("1700")).get("name").asText());
        assertEquals("new", store.readExisting(t, json("0")).get("name").asText());
    }

    @Test
    void updateAndUpsertTellUpdatedFromUnchangedForEachRecord() {
        TableMeta t = table("update_outcomes");
        store.write(t, WriteAction.INSERT, numbered(0, 1500, "a"));
        List<ObjectNode> update = numbered(0, 1500, "a");
        update.get(3).put("name", "changed");
        update.add((ObjectNode) json("{'id':9999,'name':'ghost'}"));

        List<RecordOutcome> updated = store.write(t, WriteAction.UPDATE, update).outcomes();

        assertEquals(RecordOutcome.UPDATED, updated.get(3));
        assertEquals(RecordOutcome.KEY_NOT_FOUND, updated.get(1500));
        assertEquals(1499, count(updated, RecordOutcome.UNCHANGED));

        List<ObjectNode> upsert = numbered(1000, 3000, "a");
        upsert.get(0).put("name", "changed again");
        List<RecordOutcome> upserted = store.write(t, WriteAction.UPSERT, upsert).outcomes();

        assertEquals(RecordOutcome.UPDATED, upserted.get(0));
        assertEquals(499, count(upserted, RecordOutcome.UNCHANGED));
        assertEquals(1500, count(upserted, RecordOutcome.INSERTED));
        assertEquals(RecordOutcome.INSERTED, upserted.get(1999));
        assertEquals(3000, store.count(t));
        assertEquals("changed", store.readExisting(t, json("3")).get("name").asText());
        assertEquals("changed again", store.readExisting(t, json("1000")).get("name").asText());
        assertEquals("a", store.readExisting(t, json("2999")).get("name").asText());
    }

    /**
     * A load writes its batch and the job's counts in one transaction: an existing key fails the bulk insert,
     * which is rolled back to the savepoint set before it, and the transaction's earlier work stays.
     */
    @Test
    void aFailedBulkInsertRollsBackToItsSavepointAndKeepsTheTransactionsEarlierWork() {
        TableMeta counts = table("savepoint_counts");
        TableMeta t = table("savepoint_rows");
        store.write(t, WriteAction.INSERT, "[{'id':2222,'name':'kept'}]");

        WriteResult r = store.store().inTransaction(c -> {
            store.writer().write(c, counts, WriteAction.INSERT, List.of((ObjectNode) json("{'id':'job','n':1}")), 1.0);
            return store.writer().write(c, t, WriteAction.INSERT, numbered(0, 3000, "new"), 2.0);
        });

        assertEquals("[2222]", keys(r.skippedKeys()));
        assertEquals(1, store.count(counts));
        assertEquals(3000, store.count(t));
        assertEquals("kept", store.readExisting(t, json("2222")).get("name").asText());
    }

    /** A failure that is not a duplicate key undoes the whole transaction, as a load's failed batch must. */
    @Test
    void aWriteThatFailsLeavesNothingOfItsTransaction() {
        TableMeta counts = table("failed_counts");
        TableMeta t = table("failed_rows");
        List<ObjectNode> records = numbered(0, 1500, "new");
        records.get(1200).put("name", "x".repeat(ValueCodec.MAX_TEXT + 1));

        assertThrows(RuntimeException.class, () -> store.store().inTransaction(c -> {
            store.writer().write(c, counts, WriteAction.INSERT, List.of((ObjectNode) json("{'id':'job','n':1}")), 1.0);
            return store.writer().write(c, t, WriteAction.INSERT, records, 2.0);
        }));

        assertEquals(0, store.count(counts));
        assertEquals(0, store.count(t));
    }

    /**
     * Outside a transaction there is no savepoint to go back to, so an existing key fails the write. PostgreSQL
     * puts the key in the error's detail ("Key (k)=(…) already exists"); the failure's message holds no value.
     */
    @Test
    void aDuplicateKeyFailureNamesNoValueInItsMessage() throws Exception {
        TableMeta t = table("dup_message");
        store.write(t, WriteAction.INSERT, "[{'id':'secret-key','name':'a'}]");
        List<ObjectNode> records = List.of((ObjectNode) json("{'id':'secret-key','name':'secret-value'}"));

        SQLException e;
        try (Connection c = store.store().connection()) {
            c.setAutoCommit(true);
            e = assertThrows(SQLException.class, () -> store.writer().write(c, t, WriteAction.INSERT, records, 1.0));
        }

        assertEquals("23505", e.getSQLState());
        String messages = messages(e);
        assertFalse(messages.contains("secret"), messages);
        assertEquals("a", store.readExisting(t, json("'secret-key'")).get("name").asText());
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void deleteReportsWhichKeysExisted() throws Exception {
        TableMeta t = table("delete");
        store.write(t, WriteAction.INSERT, "[{'id':1},{'id':'1'}]");
        WriteResult r = store.delete(t, "[1,12345]");

        assertEquals("[1]", keys(r.writtenKeys()));
        assertEquals("[12345]", keys(r.skippedKeys()));
        assertTrue(store.read(t, json("1")).isEmpty());
        assertTrue(store.read(t, json("'1'")).isPresent());
    }

    private static String withoutTimes(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        copy.remove("__createdtime__");
        copy.remove("__updatedtime__");
        return HarperJson.write(copy);
    }
}
