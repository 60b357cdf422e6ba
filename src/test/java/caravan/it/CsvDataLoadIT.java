package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** csv_data_load: validation, write semantics and casting (contract §3, §4, §16 cases 8-38). */
class CsvDataLoadIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'create_table','database':'ref','table':'t','primary_key':'id'}");
    }

    /** A new empty table ref.tN. */
    private static String table() {
        return admin.newTable("ref");
    }

    private static JsonNode load(String table, String action, String csv) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_data_load");
        request.put("database", "ref");
        request.put("table", table);
        if (action != null) {
            request.put("action", action);
        }
        request.put("data", csv);
        ApiClient.Response r = admin.post(request);
        assertEquals(200, r.status(), () -> "submit: " + r);
        return jobs.await(r.body().get("job_id").asText());
    }

    private static JsonNode record(String table, Object key) {
        String k = key instanceof String s ? "'" + s + "'" : String.valueOf(key);
        JsonNode found = admin.ok("{'operation':'search_by_hash','database':'ref','table':'" + table
                + "','hash_values':[" + k + "],'get_attributes':['*']}");
        return found.size() == 0 ? null : found.get(0);
    }

    private static ApiClient.Response submit(String json) {
        return admin.post(json);
    }

    // --- validation (cases 8-14) ---

    @Test
    void missingTableIsBlank() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','database':'ref','data':'id\\n1\\n'}");
        assertEquals(400, r.status());
        assertEquals("Table can't be blank", r.error());
    }

    @Test
    void missingDataIsRequired() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','database':'ref','table':'t'}");
        assertEquals(400, r.status());
        assertEquals("Data  is required", r.error());
    }

    @Test
    void missingTableAndDataAreJoinedWithComma() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','database':'ref'}");
        assertEquals("Table can't be blank,Data  is required", r.error());
    }

    @Test
    void unknownActionIsRejected() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','database':'ref','table':'t','action':'merge','data':'id\\n1\\n'}");
        assertEquals(400, r.status());
        assertEquals("Action is required and must be either insert, update, or upsert", r.error());
    }

    @Test
    void missingDatabaseIs400() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','database':'nope','table':'t','data':'id\\n1\\n'}");
        assertEquals(400, r.status());
        assertEquals("database 'nope' does not exist", r.error());
    }

    @Test
    void missingTableIs400() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','database':'ref','table':'nope','data':'id\\n1\\n'}");
        assertEquals(400, r.status());
        assertEquals("Table 'ref.nope' does not exist", r.error());
    }

    @Test
    void noDatabaseMeansData() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','table':'t','data':'id\\n1\\n'}");
        assertEquals(400, r.status());
        assertEquals("database 'data' does not exist", r.error());
    }

    @Test
    void tableWithSlashIsRejected() {
        ApiClient.Response r = submit("{'operation':'csv_data_load','database':'ref','table':'a/b','data':'id\\n1\\n'}");
        assertEquals(400, r.status());
        assertEquals("Table names cannot include backticks or forward slashes", r.error());
    }

    @Test
    void rejectedRequestCreatesNoJob() {
        long before = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}").size();
        submit("{'operation':'csv_data_load','database':'ref','table':'nope','data':'id\\n1\\n'}");
        long after = admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01','to_date':'2100-01-01'}").size();
        assertEquals(before, after);
    }

    @Test
    void emptyDataLoadsZeroOfZero() {
        JsonNode job = load(table(), null, "");
        assertEquals("COMPLETE", job.get("status").asText());
        assertEquals("successfully loaded 0 of 0 records", job.get("message").asText());
    }

    @Test
    void headerOnlyLoadsZeroOfZero() {
        assertEquals("successfully loaded 0 of 0 records", load(table(), null, "id,name\n").get("message").asText());
    }

    // --- write semantics (cases 16-26) ---

    @Test
    void insertSkipsExistingKeysAndCountsThemInTotal() {
        String t = table();
        load(t, null, "id,a,b\n1,a1,b1\n2,a2,b2\n3,a3,b3\n");
        JsonNode before = record(t, 2);
        JsonNode job = load(t, "insert", "id,a,b\n2,X,X\n3,X,X\n4,a4,b4\n");
        assertEquals("successfully loaded 1 of 3 records", job.get("message").asText());
        assertEquals(before, record(t, 2));
        assertEquals("a4", record(t, 4).get("a").asText());
    }

    @Test
    void updateMergesExistingAndSkipsMissing() {
        String t = table();
        load(t, null, "id,a,b\n3,a3,b3\n4,a4,b4\n");
        JsonNode before = record(t, 3);
        JsonNode job = load(t, "update", "id,a,c\n3,A3,c3\n4,A4,c4\n5,A5,c5\n");
        assertEquals("successfully loaded 2 of 3 records", job.get("message").asText());
        JsonNode after = record(t, 3);
        assertEquals("A3", after.get("a").asText());
        assertEquals("b3", after.get("b").asText());
        assertEquals("c3", after.get("c").asText());
        assertEquals(before.get("__createdtime__"), after.get("__createdtime__"));
        assertTrue(after.get("__updatedtime__").asDouble() > before.get("__updatedtime__").asDouble());
        assertEquals(null, record(t, 5));
    }

    @Test
    void upsertCreatesAndMerges() {
        String t = table();
        load(t, null, "id,a,b\n1,a1,b1\n");
        JsonNode job = load(t, "upsert", "id,a\n5,a5\n1,U1\n");
        assertEquals("successfully loaded 2 of 2 records", job.get("message").asText());
        assertEquals("a5", record(t, 5).get("a").asText());
        assertEquals("U1", record(t, 1).get("a").asText());
        assertEquals("b1", record(t, 1).get("b").asText());
    }

    @Test
    void updateRowWithoutKeyFailsAndChangesNothing() {
        String t = table();
        load(t, null, "id,name\n1,keep\n");
        JsonNode job = load(t, "update", "id,name\n,zz\n");
        assertEquals("ERROR", job.get("status").asText());
        assertEquals("a valid hash attribute must be provided with update record, check log for more info",
                job.get("message").asText());
        assertEquals("keep", record(t, 1).get("name").asText());
    }

    @Test
    void insertWithoutKeyColumnGeneratesDistinctKeys() {
        String t = table();
        assertEquals("successfully loaded 2 of 2 records", load(t, null, "name\nalpha\nbeta\n").get("message").asText());
        JsonNode all = admin.ok("{'operation':'search_by_value','database':'ref','table':'" + t
                + "','search_attribute':'name','search_value':'*','get_attributes':['id','name']}");
        assertEquals(2, all.size());
        assertTrue(all.get(0).get("id").isNumber());
        assertNotEquals(all.get(0).get("id"), all.get(1).get("id"));
    }

    @Test
    void nullKeyIsGeneratedAndEmptyKeyIsStoredAsEmptyString() {
        String t = table();
        load(t, null, "id,name\nnull,x\n,y\n");
        assertEquals("y", record(t, "").get("name").asText());
        JsonNode x = admin.ok("{'operation':'search_by_value','database':'ref','table':'" + t
                + "','search_attribute':'name','search_value':'x','get_attributes':['id']}");
        assertTrue(x.get(0).get("id").isNumber());
    }

    @Test
    void duplicateKeysFirstWinsForInsert() {
        String t = table();
        assertEquals("successfully loaded 1 of 2 records", load(t, null, "id,name\n10,first\n10,second\n").get("message").asText());
        assertEquals("first", record(t, 10).get("name").asText());
    }

    @Test
    void duplicateKeysLastWinsForUpsertWithoutSkipMarker() {
        String t = table();
        assertEquals("successfully loaded 2 of 2 records",
                load(t, "upsert", "id,name\n11,first\n11,second\n").get("message").asText());
        JsonNode r = record(t, 11);
        assertEquals("second", r.get("name").asText());
        assertFalse(r.has("skip"), "compatibility C5: no skip marker");
    }

    @Test
    void oneSmallLoadSharesOneTransactionTime() {
        String t = table();
        load(t, null, "id\n1\n2\n3\n");
        JsonNode one = record(t, 1);
        assertEquals(one.get("__createdtime__"), record(t, 3).get("__createdtime__"));
        assertEquals(one.get("__createdtime__"), one.get("__updatedtime__"));
        assertTrue(one.get("__createdtime__").asDouble() > 1.7e12);
    }

    @Test
    void suppliedTimestampColumnsAreIgnored() {
        String t = table();
        load(t, null, "id,__createdtime__,__updatedtime__\n1,1000,2000\n");
        assertTrue(record(t, 1).get("__createdtime__").asDouble() > 1.7e12);
    }

    @Test
    void updateWithEmptyCellWritesEmptyString() {
        String t = table();
        load(t, null, "id,b\n3,old\n");
        load(t, "update", "id,b\n3,\n");
        assertEquals("", record(t, 3).get("b").asText());
        assertTrue(record(t, 3).get("b").isTextual());
    }

    // --- parsing and casting (cases 27-38) ---

    @Test
    void cellsAreCastLikeHarper() throws Exception {
        String t = table();
        load(t, null, "id,v\n1,123\n2,007\n3,1e5\n4,true\n5,True\n6,NULL\n7,undefined\n8,\n9,\"42\"\n10,12345678901234567890\n");
        String[] expected = {"123", "\"007\"", "\"1e5\"", "true", "\"True\"", "null", "null", "\"\"", "42",
            "12345678901234567000"};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], record(t, i + 1).get("v").toString(), "row " + (i + 1));
        }
    }

    @Test
    void dateTimesWithOffsetBecomeUtcAndDatesStayStrings() {
        String t = table();
        load(t, null, "id,d\n1,2024-01-01T10:20+02:00\n2,2024-01-01\n");
        assertEquals("2024-01-01T08:20:00.000Z", record(t, 1).get("d").asText());
        assertEquals("2024-01-01", record(t, 2).get("d").asText());
    }

    @Test
    void jsonLookingCellsBecomeArraysAndObjects() {
        String t = table();
        load(t, null, "id,a,o\n1,\"[1,2]\",\"{\"\"a\"\":1}\"\n");
        assertEquals("[1,2]", record(t, 1).get("a").toString());
        assertEquals("{\"a\":1}", record(t, 1).get("o").toString());
    }

    @Test
    void byteOrderMarkAndCrlfAreHandled() {
        String t = table();
        load(t, null, "\uFEFFid,name\r\n1,x\r\n");
        assertEquals("x", record(t, 1).get("name").asText());
    }

    @Test
    void semicolonDelimiterIsDetected() {
        String t = table();
        load(t, null, "id;name\n11;semi\n");
        assertEquals("semi", record(t, 11).get("name").asText());
    }

    @Test
    void duplicateHeaderNamesGetSuffixes() {
        String t = table();
        load(t, null, "id,name,name\n1,a,b\n");
        assertEquals("b", record(t, 1).get("name_1").asText());
    }

    @Test
    void extraFieldsAreDroppedNotStored() {
        String t = table();
        load(t, null, "id,name\n1,a,extra1,extra2\n");
        assertFalse(record(t, 1).has("__parsed_extra"));
    }

    @Test
    void shortRowCreatesNoAttributeForMissingColumn() {
        String t = table();
        load(t, null, "id,name,other\n7,fewer\n");
        JsonNode described = admin.ok("{'operation':'describe_table','database':'ref','table':'" + t + "'}");
        assertFalse(described.get("attributes").toString().contains("\"other\""), described.toString());
    }

    @Test
    void invalidColumnNameFailsAndWritesNothing() {
        String t = table();
        JsonNode job = load(t, null, "id,s/ome=attribute\n1,2\n");
        assertEquals("ERROR", job.get("status").asText());
        assertEquals("Invalid column name 's/ome=attribute', cancelling load operation", job.get("message").asText());
        assertEquals(null, record(t, 1));
    }

    @Test
    void emptyColumnNameFails() {
        assertEquals("Invalid attribute name: ''", load(table(), null, "id,,x\n1,2,3\n").get("message").asText());
    }

    @Test
    void nonAsciiColumnNameFails() {
        assertEquals("Invalid column name 'café', cancelling load operation",
                load(table(), null, "id,café\n1,2\n").get("message").asText());
    }
}
