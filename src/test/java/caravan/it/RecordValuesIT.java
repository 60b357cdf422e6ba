package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What insert, update and upsert store, read back with search_by_id (docs/harper-observed.md §3, contract §3.5):
 * first-wins and merges, generated keys, and the two timestamps.
 */
class RecordValuesIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_database','database':'val'}");
    }

    private static String table() {
        return api.newTable("val");
    }

    private static void write(String operation, String table, String records) {
        api.ok("{'operation':'" + operation + "','database':'val','table':'" + table + "','records':" + records + "}");
    }

    /** The record with every attribute ("*"). */
    private static ObjectNode record(String table, String id) {
        JsonNode found = api.ok("{'operation':'search_by_id','database':'val','table':'" + table + "','ids':[" + id
                + "],'get_attributes':['*']}");
        assertEquals(1, found.size(), "one record with id " + id + ": " + found);
        return (ObjectNode) found.get(0);
    }

    /** The record as JSON text without its timestamps. */
    private static String values(String table, String id) {
        ObjectNode r = record(table, id).deepCopy();
        r.remove("__createdtime__");
        r.remove("__updatedtime__");
        return r.toString();
    }

    private static String expected(String json) {
        return json.replace('\'', '"');
    }

    @Test
    void duplicateKeyInOneInsertKeepsTheFirstRecord() {
        String t = table();
        write("insert", t, "[{'id':50,'name':'x1'},{'id':50,'name':'x2'}]");
        assertEquals("x1", record(t, "50").get("name").asText());
    }

    @Test
    void insertOfExistingKeyLeavesTheRecordUntouched() {
        String t = table();
        write("insert", t, "[{'id':1,'name':'a'}]");
        ObjectNode before = record(t, "1");
        write("insert", t, "[{'id':1,'name':'dup'}]");
        assertEquals(before, record(t, "1"));
    }

    @Test
    void updateMergesAndKeepsOtherAttributes() {
        String t = table();
        write("insert", t, "[{'id':1,'name':'a','age':30}]");
        write("update", t, "[{'id':1,'name':'a2','added':7}]");
        assertEquals(expected("{'id':1,'name':'a2','age':30,'added':7}"), values(t, "1"));
    }

    @Test
    void updateToNullClearsTheAttribute() {
        String t = table();
        write("insert", t, "[{'id':3,'name':'c','age':1}]");
        write("update", t, "[{'id':3,'name':null}]");
        assertEquals(expected("{'id':3,'name':null,'age':1}"), values(t, "3"));
    }

    @Test
    void updateKeepsCreatedTimeAndAdvancesUpdatedTime() {
        String t = table();
        write("insert", t, "[{'id':1,'name':'a'}]");
        ObjectNode before = record(t, "1");
        write("update", t, "[{'id':1,'name':'b'}]");
        ObjectNode after = record(t, "1");
        assertEquals(before.get("__createdtime__"), after.get("__createdtime__"));
        assertTrue(after.get("__updatedtime__").asDouble() > before.get("__updatedtime__").asDouble(), after.toString());
    }

    @Test
    void duplicateKeysInOneUpdateMergeInOrder() {
        String t = table();
        write("insert", t, "[{'id':1,'a':'x','b':1}]");
        write("update", t, "[{'id':1,'a':'p1','e':1},{'id':1,'a':'p2'}]");
        assertEquals(expected("{'id':1,'a':'p2','b':1,'e':1}"), values(t, "1"));
    }

    @Test
    void upsertMergesIntoTheExistingRecord() {
        String t = table();
        write("insert", t, "[{'id':1,'name':'a','added':7}]");
        ObjectNode before = record(t, "1");
        write("upsert", t, "[{'id':1,'name':'a3'},{'id':100,'name':'new100'}]");
        assertEquals(expected("{'id':1,'name':'a3','added':7}"), values(t, "1"));
        assertEquals(expected("{'id':100,'name':'new100','added':null}"), values(t, "100"));
        assertEquals(before.get("__createdtime__"), record(t, "1").get("__createdtime__"));
    }

    @Test
    void duplicateKeysInOneUpsertMergeInOrderWithoutSkipMarker() {
        String t = table();
        write("insert", t, "[{'id':1,'a':'x','b':1}]");
        write("upsert", t, "[{'id':1,'a':'u1'},{'id':1,'c':'u2'},{'id':2,'a':'n1'},{'id':2,'a':'n2','d':4}]");
        assertEquals(expected("{'id':1,'a':'u1','b':1,'c':'u2','d':null}"), values(t, "1"));
        assertEquals(expected("{'id':2,'a':'n2','b':null,'c':null,'d':4}"), values(t, "2"));
    }

    @Test
    void generatedKeysAreDistinctNumbers() {
        String t = table();
        write("insert", t, "[{'name':'a'},{'id':null,'name':'b'}]");
        write("upsert", t, "[{'name':'c'}]");
        JsonNode all = api.ok("{'operation':'search_by_value','database':'val','table':'" + t
                + "','search_attribute':'name','search_value':'*','get_attributes':['id','name']}");
        assertEquals(3, all.size(), all.toString());
        Set<JsonNode> ids = new HashSet<>();
        for (JsonNode r : all) {
            assertTrue(r.get("id").isIntegralNumber(), r.toString());
            ids.add(r.get("id"));
        }
        assertEquals(3, ids.size());
    }

    @Test
    void suppliedTimestampsAreIgnored() {
        String t = table();
        write("insert", t, "[{'id':32,'__createdtime__':5,'__updatedtime__':6}]");
        ObjectNode r = record(t, "32");
        assertNotEquals(5.0, r.get("__createdtime__").asDouble());
        assertTrue(r.get("__createdtime__").asDouble() > 1.7e12, r.toString());
        assertEquals(r.get("__createdtime__"), r.get("__updatedtime__"));
        assertFalse(api.ok("{'operation':'describe_table','database':'val','table':'" + t + "'}").get("attributes")
                .toString().contains("\"attribute\":\"__createdtime__\",\"is_primary_key\""));
    }

    @Test
    void allRecordsOfOneRequestShareOneCreatedTime() {
        String t = table();
        write("insert", t, "[{'id':1},{'id':2},{'id':3}]");
        JsonNode first = record(t, "1").get("__createdtime__");
        assertEquals(first, record(t, "2").get("__createdtime__"));
        assertEquals(first, record(t, "3").get("__createdtime__"));
        assertEquals(first, record(t, "3").get("__updatedtime__"));
    }

    @Test
    void recordsOfSeparateRequestsHaveDifferentTimes() {
        String t = table();
        write("insert", t, "[{'id':1}]");
        write("insert", t, "[{'id':2}]");
        assertTrue(record(t, "2").get("__createdtime__").asDouble() > record(t, "1").get("__createdtime__").asDouble());
    }

    @Test
    void starListsEveryAttributeInCreationOrderWithNullsForAbsentOnes() {
        String t = table();
        write("insert", t, "[{'name':'Alice','id':1,'age':30},{'zeta':'z','id':2}]");
        ObjectNode r = record(t, "1");
        java.util.List<String> keys = new java.util.ArrayList<>();
        r.fieldNames().forEachRemaining(keys::add);
        assertEquals(java.util.List.of("id", "__createdtime__", "__updatedtime__", "name", "age", "zeta"), keys);
        assertTrue(r.get("zeta").isNull());
    }
}
