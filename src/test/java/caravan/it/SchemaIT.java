package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Databases (and their schema aliases), tables, attributes and the describe operations, with Harper's
 * statuses and texts (docs/harper-observed.md §2). Each test uses databases of its own.
 */
class SchemaIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();

    private static void assertMessage(String message, String request) {
        assertEquals(message, api.ok(request).path("message").asText(null), request);
    }

    private static void assertError(int status, String error, String request) {
        ApiClient.Response r = api.post(request);
        assertEquals(status, r.status(), r.toString());
        assertEquals(error, r.error(), r.toString());
    }

    private static void createTable(String database, String table) {
        api.ok("{'operation':'create_table','database':'" + database + "','table':'" + table + "','primary_key':'id'}");
    }

    /** The attribute names describe_table lists, in its order. */
    private static List<String> attributeNames(JsonNode described) {
        List<String> names = new ArrayList<>();
        described.get("attributes").forEach(a -> names.add(a.get("attribute").asText()));
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void createDatabaseAnswersCreated() {
        assertMessage("database 'sc_new' successfully created", "{'operation':'create_database','database':'sc_new'}");
        assertEquals(0, api.ok("{'operation':'describe_database','database':'sc_new'}").size());
    }

    @Test
    void createDatabaseTwiceIs400() {
        api.ok("{'operation':'create_database','database':'sc_twice'}");
        assertError(400, "database 'sc_twice' already exists", "{'operation':'create_database','database':'sc_twice'}");
    }

    @Test
    void createDatabaseWithEmptyNameIs400() {
        assertError(400, "'database' is not allowed to be empty", "{'operation':'create_database','database':''}");
    }

    @Test
    void databaseNamesMayContainSpaces() {
        assertMessage("database 'sc bad name' successfully created", "{'operation':'create_database','database':'sc bad name'}");
        assertMessage("successfully deleted 'sc bad name'", "{'operation':'drop_database','database':'sc bad name'}");
    }

    @Test
    void createSchemaAnswersWithTheWordDatabase() {
        assertMessage("database 'sc_s' successfully created", "{'operation':'create_schema','schema':'sc_s'}");
        assertError(400, "database 'sc_s' already exists", "{'operation':'create_schema','schema':'sc_s'}");
        assertMessage("database 'sc_s2' successfully created", "{'operation':'create_schema','database':'sc_s2'}");
    }

    /** The only test that touches 'data', the database a request without database/schema means. */
    @Test
    void missingDatabaseMeansData() {
        assertError(404, "database 'data' does not exist", "{'operation':'describe_database'}");
        assertMessage("database 'data' successfully created", "{'operation':'create_database'}");
        assertError(400, "database 'data' already exists", "{'operation':'create_schema'}");
        assertMessage("table 'data.sc_nodb' successfully created.",
                "{'operation':'create_table','table':'sc_nodb','primary_key':'id'}");
        assertTrue(api.ok("{'operation':'describe_database'}").has("sc_nodb"));
        assertMessage("successfully deleted table 'data.sc_nodb'", "{'operation':'drop_table','table':'sc_nodb'}");
        assertMessage("successfully deleted 'data'", "{'operation':'drop_database','database':'data'}");
    }

    @Test
    void dropDatabaseAndDropSchemaDeleteIt() {
        api.ok("{'operation':'create_database','database':'sc_drop1'}");
        api.ok("{'operation':'create_schema','schema':'sc_drop2'}");
        assertMessage("successfully deleted 'sc_drop1'", "{'operation':'drop_database','database':'sc_drop1'}");
        assertMessage("successfully deleted 'sc_drop2'", "{'operation':'drop_schema','schema':'sc_drop2'}");
        assertFalse(api.ok("{'operation':'describe_all'}").has("sc_drop1"));
        assertFalse(api.ok("{'operation':'describe_all'}").has("sc_drop2"));
    }

    @Test
    void dropMissingDatabaseIs404() {
        assertError(404, "database 'sc_nope' does not exist", "{'operation':'drop_database','database':'sc_nope'}");
        assertError(404, "database 'sc_nope' does not exist", "{'operation':'drop_schema','schema':'sc_nope'}");
    }

    @Test
    void dropDatabaseWithoutNameIs400() {
        assertError(400, "'database' is required", "{'operation':'drop_database'}");
        assertError(400, "'database' is required", "{'operation':'drop_schema'}");
    }

    @Test
    void dropDatabaseDropsItsTables() {
        createTable("sc_droptables", "t");
        api.ok("{'operation':'insert','database':'sc_droptables','table':'t','records':[{'id':1}]}");
        api.ok("{'operation':'drop_database','database':'sc_droptables'}");
        assertError(404, "database 'sc_droptables' does not exist",
                "{'operation':'describe_table','database':'sc_droptables','table':'t'}");
        createTable("sc_droptables", "t");
        assertEquals(0, api.ok("{'operation':'describe_table','database':'sc_droptables','table':'t'}")
                .get("record_count").asLong());
    }

    @Test
    void createTableWithPrimaryKey() {
        api.ok("{'operation':'create_database','database':'sc_ct'}");
        assertMessage("table 'sc_ct.t1' successfully created.",
                "{'operation':'create_table','database':'sc_ct','table':'t1','primary_key':'id'}");
        assertEquals("id", api.ok("{'operation':'describe_table','database':'sc_ct','table':'t1'}").get("hash_attribute").asText());
    }

    @Test
    void createTableWithHashAttributeAndSchemaField() {
        api.ok("{'operation':'create_database','database':'sc_ct2'}");
        assertMessage("table 'sc_ct2.t2' successfully created.",
                "{'operation':'create_table','schema':'sc_ct2','table':'t2','hash_attribute':'code'}");
        assertEquals("code", api.ok("{'operation':'describe_table','database':'sc_ct2','table':'t2'}").get("hash_attribute").asText());
    }

    @Test
    void createTableTwiceIs400() {
        createTable("sc_ct3", "t1");
        assertError(400, "Table 't1' already exists in 'sc_ct3'",
                "{'operation':'create_table','database':'sc_ct3','table':'t1','primary_key':'id'}");
    }

    @Test
    void createTableNeedsTableAndPrimaryKey() {
        assertError(400, "'table' is required", "{'operation':'create_table','database':'sc_ct4','primary_key':'id'}");
        assertError(400, "'primary_key' is required", "{'operation':'create_table','database':'sc_ct4','table':'t3'}");
    }

    @Test
    void createTableInMissingDatabaseCreatesTheDatabase() {
        assertMessage("table 'sc_auto.x' successfully created.",
                "{'operation':'create_table','database':'sc_auto','table':'x','primary_key':'id'}");
        JsonNode database = api.ok("{'operation':'describe_database','database':'sc_auto'}");
        assertEquals(List.of("x"), fieldNames(database));
        JsonNode x = database.get("x");
        assertEquals("sc_auto", x.get("schema").asText());
        assertEquals("x", x.get("name").asText());
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__"), attributeNames(x));
        assertEquals(0, x.get("record_count").asLong());
        assertFalse(x.has("last_updated_record"), "no record, no last update: " + x);
    }

    @Test
    void tableNamesMayContainSpaces() {
        assertMessage("table 'sc_names.bad name' successfully created.",
                "{'operation':'create_table','database':'sc_names','table':'bad name','primary_key':'id'}");
        assertMessage("successfully deleted table 'sc_names.bad name'",
                "{'operation':'drop_table','database':'sc_names','table':'bad name'}");
    }

    @Test
    void dropTableDeletesIt() {
        createTable("sc_dt", "x");
        assertMessage("successfully deleted table 'sc_dt.x'", "{'operation':'drop_table','database':'sc_dt','table':'x'}");
        assertError(404, "Table 'sc_dt.x' does not exist", "{'operation':'describe_table','database':'sc_dt','table':'x'}");
    }

    @Test
    void dropTableErrors() {
        api.ok("{'operation':'create_database','database':'sc_dt2'}");
        assertError(404, "Table 'sc_dt2.x' does not exist", "{'operation':'drop_table','database':'sc_dt2','table':'x'}");
        assertError(404, "database 'sc_nope_db' does not exist", "{'operation':'drop_table','database':'sc_nope_db','table':'x'}");
        assertError(400, "'table' is required", "{'operation':'drop_table','database':'sc_dt2'}");
    }

    @Test
    void describeTableListsAttributesInCreationOrderWithCount() {
        createTable("sc_desc", "t1");
        api.ok("{'operation':'insert','database':'sc_desc','table':'t1','records':["
                + "{'id':1,'name':'alpha','age':30,'city':'Paris'},"
                + "{'id':2,'name':'beta','age':25,'city':'Berlin','tags':['a','b']},"
                + "{'id':3,'name':'gamma','age':40,'nested':{'x':1}}]}");

        JsonNode t1 = api.ok("{'operation':'describe_table','database':'sc_desc','table':'t1'}");

        assertEquals("sc_desc", t1.get("schema").asText());
        assertEquals("t1", t1.get("name").asText());
        assertEquals("id", t1.get("hash_attribute").asText());
        assertTrue(t1.get("audit").asBoolean());
        assertFalse(t1.get("schema_defined").asBoolean());
        assertEquals("[{\"attribute\":\"id\",\"is_primary_key\":true},"
                + "{\"attribute\":\"__createdtime__\",\"indexed\":true},{\"attribute\":\"__updatedtime__\",\"indexed\":true},"
                + "{\"attribute\":\"name\",\"indexed\":true},{\"attribute\":\"age\",\"indexed\":true},"
                + "{\"attribute\":\"city\",\"indexed\":true},{\"attribute\":\"tags\",\"indexed\":true},"
                + "{\"attribute\":\"nested\",\"indexed\":true}]", t1.get("attributes").toString());
        assertEquals("[]", t1.get("sources").toString());
        assertEquals(3, t1.get("record_count").asLong());
        assertTrue(t1.get("last_updated_record").isNumber(), t1.toString());
    }

    @Test
    void lastUpdatedRecordFollowsWrites() {
        createTable("sc_last", "t");
        api.ok("{'operation':'insert','database':'sc_last','table':'t','records':[{'id':1,'v':1}]}");
        double first = api.ok("{'operation':'describe_table','database':'sc_last','table':'t'}").get("last_updated_record").asDouble();
        api.ok("{'operation':'update','database':'sc_last','table':'t','records':[{'id':1,'v':2}]}");
        double second = api.ok("{'operation':'describe_table','database':'sc_last','table':'t'}").get("last_updated_record").asDouble();
        assertTrue(second > first, first + " then " + second);
        assertTrue(Math.abs(System.currentTimeMillis() - second) < 60_000, "epoch milliseconds: " + second);
    }

    @Test
    void describeTableAcceptsTheSchemaField() {
        createTable("sc_desc2", "t");
        assertEquals(api.ok("{'operation':'describe_table','database':'sc_desc2','table':'t'}"),
                api.ok("{'operation':'describe_table','schema':'sc_desc2','table':'t'}"));
    }

    @Test
    void describeTableErrors() {
        api.ok("{'operation':'create_database','database':'sc_desc3'}");
        assertError(404, "Table 'sc_desc3.nope' does not exist", "{'operation':'describe_table','database':'sc_desc3','table':'nope'}");
        assertError(404, "database 'sc_nope_db' does not exist", "{'operation':'describe_table','database':'sc_nope_db','table':'t1'}");
        assertError(400, "'table' is required", "{'operation':'describe_table','database':'sc_desc3'}");
    }

    @Test
    void describeDatabaseAndDescribeSchemaMapTablesToTheirDescriptions() {
        createTable("sc_dd", "t2");
        createTable("sc_dd", "t1");
        api.ok("{'operation':'insert','database':'sc_dd','table':'t1','records':[{'id':1,'a':1},{'id':2}]}");

        JsonNode database = api.ok("{'operation':'describe_database','database':'sc_dd'}");

        assertEquals(List.of("t1", "t2"), fieldNames(database));
        assertEquals(api.ok("{'operation':'describe_table','database':'sc_dd','table':'t1'}"), database.get("t1"));
        assertEquals(2, database.get("t1").get("record_count").asLong());
        assertEquals(0, database.get("t2").get("record_count").asLong());
        assertEquals(database, api.ok("{'operation':'describe_schema','schema':'sc_dd'}"));
    }

    @Test
    void describeMissingDatabaseIs404() {
        assertError(404, "database 'sc_nope_db' does not exist", "{'operation':'describe_database','database':'sc_nope_db'}");
        assertError(404, "database 'sc_nope_db' does not exist", "{'operation':'describe_schema','schema':'sc_nope_db'}");
    }

    @Test
    void describeAllMapsDatabasesToTheirTables() {
        createTable("sc_all", "t");
        api.ok("{'operation':'create_database','database':'sc_all_empty'}");

        JsonNode all = api.ok("{'operation':'describe_all'}");

        assertEquals(api.ok("{'operation':'describe_database','database':'sc_all'}"), all.get("sc_all"));
        assertEquals("{}", all.get("sc_all_empty").toString());
    }

    @Test
    void createAttributeAddsItAtTheEnd() {
        createTable("sc_attr", "t");
        api.ok("{'operation':'insert','database':'sc_attr','table':'t','records':[{'id':1,'name':'a'}]}");
        assertMessage("attribute 'sc_attr.t.extra' successfully created.",
                "{'operation':'create_attribute','database':'sc_attr','table':'t','attribute':'extra'}");
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "name", "extra"),
                attributeNames(api.ok("{'operation':'describe_table','database':'sc_attr','table':'t'}")));
    }

    @Test
    void createExistingAttributeIs400() {
        createTable("sc_attr2", "t");
        api.ok("{'operation':'insert','database':'sc_attr2','table':'t','records':[{'id':1,'name':'a'}]}");
        api.ok("{'operation':'create_attribute','database':'sc_attr2','table':'t','attribute':'extra'}");
        assertError(400, "attribute 'extra' already exists in sc_attr2.t",
                "{'operation':'create_attribute','database':'sc_attr2','table':'t','attribute':'extra'}");
        assertError(400, "attribute 'name' already exists in sc_attr2.t",
                "{'operation':'create_attribute','database':'sc_attr2','table':'t','attribute':'name'}");
    }

    @Test
    void createAttributeErrors() {
        createTable("sc_attr3", "t");
        assertError(400, "Attribute name is required", "{'operation':'create_attribute','database':'sc_attr3','table':'t'}");
        // Harper answers 500 "Cannot read properties of undefined (reading 'attributes')"; Caravan says what is missing (compatibility C10).
        assertError(404, "Table 'sc_attr3.nope' does not exist",
                "{'operation':'create_attribute','database':'sc_attr3','table':'nope','attribute':'z'}");
    }

    @Test
    void dropAttributeRemovesIt() {
        createTable("sc_da", "t");
        api.ok("{'operation':'insert','database':'sc_da','table':'t','records':[{'id':1,'a':1,'b':2}]}");
        assertMessage("successfully deleted attribute 'a'", "{'operation':'drop_attribute','database':'sc_da','table':'t','attribute':'a'}");
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "b"),
                attributeNames(api.ok("{'operation':'describe_table','database':'sc_da','table':'t'}")));
    }

    @Test
    void dropMissingAttributeSucceeds() {
        createTable("sc_da2", "t");
        assertMessage("successfully deleted attribute 'nope_attr'",
                "{'operation':'drop_attribute','database':'sc_da2','table':'t','attribute':'nope_attr'}");
    }

    @Test
    void dropTimestampAttributeIs400() {
        createTable("sc_da3", "t");
        assertError(400, "cannot drop internal timestamp attribute: __createdtime__",
                "{'operation':'drop_attribute','database':'sc_da3','table':'t','attribute':'__createdtime__'}");
        assertError(400, "cannot drop internal timestamp attribute: __updatedtime__",
                "{'operation':'drop_attribute','database':'sc_da3','table':'t','attribute':'__updatedtime__'}");
    }

    @Test
    void dropAttributeOfMissingTableIs404() {
        api.ok("{'operation':'create_database','database':'sc_da4'}");
        assertError(404, "Table 'sc_da4.nope' does not exist",
                "{'operation':'drop_attribute','database':'sc_da4','table':'nope','attribute':'x'}");
    }

    /** Harper drops the key and leaves a table without hash_attribute; Caravan keeps the key (see SchemaOperations). */
    @Test
    void dropAttributeOfPrimaryKeyIsRefusedUnlikeHarper() {
        createTable("sc_da5", "t");
        assertError(400, "cannot drop the primary key attribute: id",
                "{'operation':'drop_attribute','database':'sc_da5','table':'t','attribute':'id'}");
        assertEquals("id", api.ok("{'operation':'describe_table','database':'sc_da5','table':'t'}").get("hash_attribute").asText());
    }

    @Test
    void droppedAttributeCanBeWrittenAgain() {
        createTable("sc_da6", "t");
        api.ok("{'operation':'insert','database':'sc_da6','table':'t','records':[{'id':1,'v':1}]}");
        api.ok("{'operation':'drop_attribute','database':'sc_da6','table':'t','attribute':'v'}");
        api.ok("{'operation':'insert','database':'sc_da6','table':'t','records':[{'id':2,'v':'text now'}]}");
        assertEquals(List.of("id", "__createdtime__", "__updatedtime__", "v"),
                attributeNames(api.ok("{'operation':'describe_table','database':'sc_da6','table':'t'}")));
        assertEquals(2, api.ok("{'operation':'describe_table','database':'sc_da6','table':'t'}").get("record_count").asLong());
    }
}
