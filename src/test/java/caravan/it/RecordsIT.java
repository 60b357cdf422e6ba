package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answers of insert, update, upsert and delete, body for body as Harper 4.7.29 gives them
 * (docs/harper-observed.md §3). Each test writes into a table of its own. What gets stored is
 * checked in RecordValuesIT.
 */
class RecordsIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_database','database':'rec'}");
    }

    /** A new empty table rec.tN with primary key id. */
    private static String table() {
        return api.newTable("rec");
    }

    private static String write(String operation, String table, String records) {
        return "{'operation':'" + operation + "','database':'rec','table':'" + table + "','records':" + records + "}";
    }

    /** Posts the write and returns the answer as JSON text. */
    private static String answer(String operation, String table, String records) {
        return api.ok(write(operation, table, records)).toString();
    }

    private static String delete(String table, String ids) {
        return api.ok("{'operation':'delete','database':'rec','table':'" + table + "','ids':" + ids + "}").toString();
    }

    private static String expected(String json) {
        return json.replace('\'', '"');
    }

    private static long count(String table) {
        return api.ok("{'operation':'describe_table','database':'rec','table':'" + table + "'}").get("record_count").asLong();
    }

    private static void assertError(int status, String error, String request) {
        ApiClient.Response r = api.post(request);
        assertEquals(status, r.status(), r.toString());
        assertEquals(error, r.error(), r.toString());
    }

    // --- insert ---

    @Test
    void insertAnswersInsertedAndSkippedHashes() {
        assertEquals(expected("{'message':'inserted 2 of 2 records','inserted_hashes':[1,2],'skipped_hashes':[]}"),
                answer("insert", table(), "[{'id':1,'name':'a'},{'id':2,'name':'b'}]"));
    }

    @Test
    void insertOfExistingKeyIsSkipped() {
        String t = table();
        answer("insert", t, "[{'id':1,'name':'a'},{'id':2,'name':'b'}]");
        assertEquals(expected("{'message':'inserted 0 of 1 records','inserted_hashes':[],'skipped_hashes':[1]}"),
                answer("insert", t, "[{'id':1,'name':'dup'}]"));
        assertEquals(expected("{'message':'inserted 1 of 2 records','inserted_hashes':[3],'skipped_hashes':[2]}"),
                answer("insert", t, "[{'id':2,'name':'dup'},{'id':3,'name':'c'}]"));
        assertEquals(3, count(t));
    }

    @Test
    void duplicateKeyInOneInsertSkipsTheSecond() {
        String t = table();
        assertEquals(expected("{'message':'inserted 1 of 2 records','inserted_hashes':[50],'skipped_hashes':[50]}"),
                answer("insert", t, "[{'id':50,'name':'x1'},{'id':50,'name':'x2'}]"));
        assertEquals(1, count(t));
    }

    @Test
    void missingOrNullKeyIsGeneratedAndReportedAsNull() {
        String t = table();
        assertEquals(expected("{'message':'inserted 1 of 1 records','inserted_hashes':[null],'skipped_hashes':[]}"),
                answer("insert", t, "[{'name':'nokey'}]"));
        assertEquals(expected("{'message':'inserted 1 of 1 records','inserted_hashes':[null],'skipped_hashes':[]}"),
                answer("insert", t, "[{'id':null,'name':'nullkey'}]"));
        assertEquals(2, count(t));
    }

    @Test
    void emptyStringIsAKey() {
        String t = table();
        assertEquals(expected("{'message':'inserted 1 of 1 records','inserted_hashes':[''],'skipped_hashes':[]}"),
                answer("insert", t, "[{'id':'','name':'empty'}]"));
        assertEquals(expected("{'message':'inserted 0 of 1 records','inserted_hashes':[],'skipped_hashes':['']}"),
                answer("insert", t, "[{'id':'','name':'again'}]"));
    }

    @Test
    void stringTwoAndNumberTwoAreDistinctKeys() {
        String t = table();
        answer("insert", t, "[{'id':2,'name':'b'}]");
        assertEquals(expected("{'message':'inserted 1 of 1 records','inserted_hashes':['2'],'skipped_hashes':[]}"),
                answer("insert", t, "[{'id':'2','name':'string two'}]"));
        assertEquals(2, count(t));
    }

    @Test
    void booleanKeyRejectsTheWholeRequest() {
        String t = table();
        assertError(500, "Invalid primary key type: boolean",
                write("insert", t, "[{'id':2.5,'name':'float'},{'id':true,'name':'bool'}]"));
        assertEquals(0, count(t));
    }

    @Test
    void insertOfNoRecords() {
        assertEquals(expected("{'message':'inserted 0 of 0 records','inserted_hashes':[],'skipped_hashes':[]}"),
                answer("insert", table(), "[]"));
    }

    @Test
    void recordsMustBeAnArrayOfObjects() {
        String t = table();
        assertError(400, "'records' must be an array", write("insert", t, "{'id':99}"));
        assertError(400, "'records' must be an array", write("insert", t, "'x'"));
        assertError(400, "'records' is required", "{'operation':'insert','database':'rec','table':'" + t + "'}");
        assertError(400, "'records[0]' must be of type object", write("insert", t, "[5]"));
    }

    @Test
    void insertIntoMissingTableOrDatabaseIs400() {
        assertError(400, "Table 'rec.nope' does not exist", write("insert", "nope", "[{'id':1}]"));
        assertError(400, "database 'nope_db' does not exist",
                "{'operation':'insert','database':'nope_db','table':'t1','records':[{'id':1}]}");
        assertError(400, "'table' is required", "{'operation':'insert','database':'rec','records':[{'id':1}]}");
        assertError(400, "database 'data' does not exist", "{'operation':'insert','table':'t1','records':[{'id':1}]}");
    }

    @Test
    void badAttributeNamesAre400() {
        String t = table();
        assertError(400, "Attribute names cannot include backticks or forward slashes", write("insert", t, "[{'id':30,'a/b':1}]"));
        assertError(400, "Invalid attribute name: ''", write("insert", t, "[{'id':31,'':1}]"));
        assertEquals(0, count(t));
    }

    @Test
    void suppliedCreatedTimeIsAccepted() {
        assertEquals(expected("{'message':'inserted 1 of 1 records','inserted_hashes':[32],'skipped_hashes':[]}"),
                answer("insert", table(), "[{'id':32,'__createdtime__':5}]"));
    }

    // --- update ---

    @Test
    void updateAnswersUpdatedAndSkippedHashes() {
        String t = table();
        answer("insert", t, "[{'id':1,'name':'a'},{'id':2,'name':'b'}]");
        assertEquals(expected("{'message':'updated 1 of 1 records','update_hashes':[1],'skipped_hashes':[]}"),
                answer("update", t, "[{'id':1,'name':'a2','added':7}]"));
        assertEquals(expected("{'message':'updated 0 of 1 records','update_hashes':[],'skipped_hashes':[999]}"),
                answer("update", t, "[{'id':999,'name':'ghost'}]"));
        assertEquals(expected("{'message':'updated 1 of 2 records','update_hashes':[2],'skipped_hashes':[998]}"),
                answer("update", t, "[{'id':2,'name':'b2'},{'id':998,'name':'ghost'}]"));
        assertEquals(2, count(t));
    }

    @Test
    void duplicateKeysInOneUpdateAreEachCounted() {
        String t = table();
        answer("insert", t, "[{'id':1,'a':'x'}]");
        assertEquals(expected("{'message':'updated 2 of 4 records','update_hashes':[1,1],'skipped_hashes':[9,9]}"),
                answer("update", t, "[{'id':1,'a':'p1'},{'id':1,'a':'p2'},{'id':9,'a':'z'},{'id':9,'a':'z2'}]"));
    }

    @Test
    void updateWithoutKeyIs400() {
        assertError(400, "a valid hash attribute must be provided with update record, check log for more info",
                write("update", table(), "[{'name':'nokey'}]"));
    }

    @Test
    void updateOfNoRecordsAndOfMissingTable() {
        assertEquals(expected("{'message':'updated 0 of 0 records','update_hashes':[],'skipped_hashes':[]}"),
                answer("update", table(), "[]"));
        assertError(400, "Table 'rec.nope' does not exist", write("update", "nope", "[{'id':1}]"));
    }

    // --- upsert ---

    @Test
    void upsertAnswersUpsertedHashesWithoutSkipped() {
        String t = table();
        answer("insert", t, "[{'id':1,'name':'a'}]");
        assertEquals(expected("{'message':'upserted 2 of 2 records','upserted_hashes':[1,100]}"),
                answer("upsert", t, "[{'id':1,'name':'a3'},{'id':100,'name':'new100'}]"));
        assertEquals(2, count(t));
    }

    @Test
    void upsertWithoutKeyGeneratesOne() {
        String t = table();
        assertEquals(expected("{'message':'upserted 1 of 1 records','upserted_hashes':[null]}"),
                answer("upsert", t, "[{'name':'upsert nokey'}]"));
        assertEquals(1, count(t));
    }

    @Test
    void duplicateKeysInOneUpsertAreEachCounted() {
        String t = table();
        answer("insert", t, "[{'id':1,'a':'x'}]");
        assertEquals(expected("{'message':'upserted 4 of 4 records','upserted_hashes':[1,1,2,2]}"),
                answer("upsert", t, "[{'id':1,'a':'u1'},{'id':1,'c':'u2'},{'id':2,'a':'n1'},{'id':2,'a':'n2'}]"));
        assertEquals(2, count(t));
    }

    @Test
    void upsertIntoMissingTableIs400() {
        assertError(400, "Table 'rec.nope' does not exist", write("upsert", "nope", "[{'id':1}]"));
    }

    // --- delete ---

    @Test
    void deleteReportsMissingIdsAsDeletedToo() {
        String t = table();
        answer("insert", t, "[{'id':100},{'id':101}]");
        assertEquals(expected("{'message':'2 of 2 records successfully deleted','deleted_hashes':[100,12345],'skipped_hashes':[]}"),
                delete(t, "[100,12345]"));
        assertEquals(1, count(t));
    }

    @Test
    void deleteAcceptsHashValues() {
        String t = table();
        answer("insert", t, "[{'id':10}]");
        JsonNode answer = api.ok("{'operation':'delete','database':'rec','table':'" + t + "','hash_values':[10,54321]}");
        assertEquals(expected("{'message':'2 of 2 records successfully deleted','deleted_hashes':[10,54321],'skipped_hashes':[]}"),
                answer.toString());
        assertEquals(0, count(t));
    }

    @Test
    void deleteSaysRecordForOne() {
        assertEquals(expected("{'message':'1 of 1 record successfully deleted','deleted_hashes':[777],'skipped_hashes':[]}"),
                delete(table(), "[777]"));
        assertEquals(expected("{'message':'0 of 0 records successfully deleted','deleted_hashes':[],'skipped_hashes':[]}"),
                delete(table(), "[]"));
    }

    @Test
    void deleteOfStringTwoLeavesNumberTwo() {
        String t = table();
        answer("insert", t, "[{'id':2},{'id':'2'}]");
        assertEquals(expected("{'message':'1 of 1 record successfully deleted','deleted_hashes':['2'],'skipped_hashes':[]}"),
                delete(t, "['2']"));
        assertEquals(expected("{'message':'inserted 0 of 1 records','inserted_hashes':[],'skipped_hashes':[2]}"),
                answer("insert", t, "[{'id':2}]"));
    }

    @Test
    void deleteRequestErrors() {
        String t = table();
        assertError(400, "'hash_values' is required", "{'operation':'delete','database':'rec','table':'" + t + "'}");
        assertError(400, "'hash_values' must be an array. 'ids' must be an array",
                "{'operation':'delete','database':'rec','table':'" + t + "','ids':3}");
        assertError(404, "Table 'rec.nope' does not exist", "{'operation':'delete','database':'rec','table':'nope','ids':[1]}");
        assertError(404, "database 'nope_db' does not exist", "{'operation':'delete','database':'nope_db','table':'t1','ids':[1]}");
    }

    @Test
    void deleteOfBooleanIdIs500() {
        String t = table();
        answer("insert", t, "[{'id':1}]");
        assertError(500, "Invalid primary key type: boolean", "{'operation':'delete','database':'rec','table':'" + t + "','ids':[1,true]}");
        assertEquals(1, count(t));
    }
}
