package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declared types (issue 10 point 6; docs/harper-observed.md §9, compatibility C18): create_table with
 * attributes, describe_table, direct writes checked with Harper's messages, a load's types field, and
 * CSV and JSON loads into a typed table where a value that cannot be cast fails its row instead of
 * being changed.
 */
class DeclaredTypesIT {
    private static final String DB = "typed";
    private static final String BUCKET = "typed-in";
    private static final AtomicInteger TABLES = new AtomicInteger();
    /** The typed table every load test gets a fresh copy of. */
    private static final String PEOPLE_ATTRIBUTES = "[{'name':'id','type':'Int'},{'name':'zip','type':'String'},"
            + "{'name':'age','type':'Int'},{'name':'score','type':'Float'},{'name':'ok','type':'Boolean'},"
            + "{'name':'born','type':'Date'},{'name':'name','type':'String','nullable':false}]";

    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient api = caravan.admin();
    private static final Jobs jobs = new Jobs(api);
    private static S3TestServer s3;

    @BeforeAll
    static void start() {
        api.ok("{'operation':'create_database','database':'" + DB + "'}");
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static String typedTable(String attributes) {
        String table = "p" + TABLES.incrementAndGet();
        api.ok("{'operation':'create_table','database':'" + DB + "','table':'" + table + "','primary_key':'id',"
                + "'attributes':" + attributes + "}");
        return table;
    }

    private static JsonNode describe(String table) {
        return api.ok("{'operation':'describe_table','database':'" + DB + "','table':'" + table + "'}");
    }

    /** Every record of the table by id, without the timestamps, as compact JSON. */
    private static String rows(String table) {
        return api.ok("{'operation':'sql','sql':'SELECT id, zip, age, score, ok, born, name FROM " + DB + "." + table
                + " ORDER BY id'}").toString();
    }

    private static void assertError(String error, String request) {
        ApiClient.Response r = api.post(request);
        assertEquals(400, r.status(), r::toString);
        assertEquals(error, r.error(), r::toString);
    }

    private static ObjectNode csvLoad(String table, String csv) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "csv_data_load").put("database", DB).put("table", table).put("data", csv);
        return request;
    }

    private static ObjectNode s3Import(String table, String key, String text) {
        s3.put(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
        ObjectNode request = ApiClient.object();
        request.put("operation", "import_from_s3").put("database", DB).put("table", table);
        request.putObject("s3").put("aws_access_key_id", s3.accessKeyId())
                .put("aws_secret_access_key", s3.secretAccessKey()).put("bucket", BUCKET).put("key", key)
                .put("region", S3TestServer.REGION).put("endpoint", s3.endpoint());
        return request;
    }

    private static JsonNode run(ObjectNode request) {
        return jobs.run(request.toString());
    }

    // --- create_table and describe_table ---

    @Test
    void describeTableShowsTheDeclaredTypesAsHarperDoes() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        JsonNode described = describe(table);
        assertTrue(described.get("schema_defined").asBoolean(), described::toString);
        assertEquals("id", described.get("hash_attribute").asText());
        assertEquals("[{\"attribute\":\"id\",\"type\":\"Int\",\"is_primary_key\":true},"
                + "{\"attribute\":\"__createdtime__\",\"indexed\":true},{\"attribute\":\"__updatedtime__\",\"indexed\":true},"
                + "{\"attribute\":\"zip\",\"type\":\"String\"},{\"attribute\":\"age\",\"type\":\"Int\"},"
                + "{\"attribute\":\"score\",\"type\":\"Float\"},{\"attribute\":\"ok\",\"type\":\"Boolean\"},"
                + "{\"attribute\":\"born\",\"type\":\"Date\"},{\"attribute\":\"name\",\"type\":\"String\",\"nullable\":false}]",
                described.get("attributes").toString());
    }

    @Test
    void typeNamesAreTakenInAnyCaseAndShownAsHarpersNames() {
        String table = typedTable("[{'name':'n','type':'long'},{'name':'a','type':'ANY','nullable':true}]");
        assertEquals("[{\"attribute\":\"id\",\"is_primary_key\":true},{\"attribute\":\"__createdtime__\",\"indexed\":true},"
                + "{\"attribute\":\"__updatedtime__\",\"indexed\":true},{\"attribute\":\"n\",\"type\":\"Long\"},"
                + "{\"attribute\":\"a\",\"type\":\"Any\",\"nullable\":true}]", describe(table).get("attributes").toString());
    }

    @Test
    void aTableWithoutAttributesIsNotSchemaDefined() {
        String table = api.newTable(DB);
        assertFalse(describe(table).get("schema_defined").asBoolean());
    }

    @Test
    void badAttributeListsAre400AndCreateNothing() {
        String create = "{'operation':'create_table','database':'" + DB + "','table':'never','primary_key':'id','attributes':";
        assertError("unknown type 'Strin' for attribute 'zip': the types are String, Int, Long, Float, Boolean, Date or Any",
                create + "[{'name':'zip','type':'Strin'}]}");
        assertError("attribute 'zip' is declared more than once",
                create + "[{'name':'zip','type':'String'},{'name':'zip','type':'Int'}]}");
        assertError("Attribute names cannot include backticks or forward slashes", create + "[{'name':'a/b','type':'Int'}]}");
        assertError("primary key 'id' cannot be of type Boolean: a primary key is a String, Int, Long, Float or Any",
                create + "[{'name':'id','type':'Boolean'}]}");
        assertError("type 'BigInt' of attribute 'n' is not supported by Caravan: the types are String, Int, Long, Float,"
                + " Boolean, Date or Any", create + "[{'name':'n','type':'BigInt'}]}");
        assertError("'attributes[0].nullable' must be true or false", create + "[{'name':'n','type':'Int','nullable':'no'}]}");
        assertError("'attributes' must be an array of objects with a name and a type", create + "'zip'}");
        assertEquals(404, api.post("{'operation':'describe_table','database':'" + DB + "','table':'never'}").status());
    }

    // --- direct writes ---

    @Test
    void insertOfAWrongTypeIs400WithHarpersMessageAndWritesNothing() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        String insert = "{'operation':'insert','database':'" + DB + "','table':'" + table + "','records':";
        assertError("Value 2134 in property zip must be a string", insert + "[{'id':1,'name':'a','zip':2134}]}");
        assertError("Value \"30\" in property age must be an integer (from -2147483648 to 2147483647)",
                insert + "[{'id':1,'name':'a'},{'id':2,'name':'b','age':'30'}]}");
        assertError("Value 5 in property zip must be a string. Value 1 in property ok must be a boolean",
                insert + "[{'id':3,'name':'c','zip':5,'ok':1}]}");
        assertError("Property name is required (and not does not allow null values)", insert + "[{'id':4}]}");
        assertError("Value \"eleven\" in property id must be an integer (from -2147483648 to 2147483647)",
                insert + "[{'id':'eleven','name':'e'}]}");
        assertError("Value \"2024-02-30\" in property born must be a Date", insert + "[{'id':5,'name':'f','born':'2024-02-30'}]}");
        assertEquals("[]", rows(table));
    }

    @Test
    void typedValuesAreStoredWithTheirTypesAndDatesAsHarperReturnsThem() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        api.ok("{'operation':'insert','database':'" + DB + "','table':'" + table + "','records':[{'id':1,'zip':'02134',"
                + "'age':30,'score':1.5,'ok':true,'born':'2024-01-02T03:04:05+02:00','name':'Penny','extra':'kept'}]}");
        assertEquals("[{\"id\":1,\"zip\":\"02134\",\"age\":30,\"score\":1.5,\"ok\":true,\"born\":\"2024-01-02T01:04:05.000Z\","
                + "\"name\":\"Penny\"}]", rows(table));
        String update = "{'operation':'update','database':'" + DB + "','table':'" + table + "','records':";
        assertError("Value \"x\" in property age must be an integer (from -2147483648 to 2147483647)", update + "[{'id':1,'age':'x'}]}");
        assertError("Property name is required (and not does not allow null values)", update + "[{'id':1,'name':null}]}");
        api.ok(update + "[{'id':1,'age':31}]}");
        assertError("Value true in property score must be a number",
                "{'operation':'upsert','database':'" + DB + "','table':'" + table + "','records':[{'id':1,'score':true}]}");
        assertEquals(31, api.ok("{'operation':'search_by_hash','database':'" + DB + "','table':'" + table
                + "','hash_values':[1],'get_attributes':['age','extra']}").get(0).get("age").intValue());
    }

    @Test
    void sqlWritesAreCheckedToo() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        ObjectNode insert = ApiClient.object().put("operation", "sql")
                .put("sql", "INSERT INTO " + DB + "." + table + " (id, name, age) VALUES (1, 'a', 'thirty')");
        ApiClient.Response r = api.post(insert);
        assertEquals(400, r.status(), r::toString);
        assertEquals("Value \"thirty\" in property age must be an integer (from -2147483648 to 2147483647)", r.error());
        assertEquals("[]", rows(table));
    }

    @Test
    void aRecordWithoutAStringTypedKeyGetsAUuidAsInHarper() {
        String table = typedTable("[{'name':'id','type':'String'},{'name':'s','type':'String'}]");
        JsonNode answer = api.ok("{'operation':'insert','database':'" + DB + "','table':'" + table + "','records':[{'s':'a'}]}");
        assertEquals("inserted 1 of 1 records", answer.get("message").asText());
        JsonNode found = api.ok("{'operation':'sql','sql':'SELECT id, s FROM " + DB + "." + table + "'}");
        String key = found.get(0).get("id").textValue();
        assertEquals(key, java.util.UUID.fromString(key).toString(), found::toString);
    }

    @Test
    void hostileAttributeListsAndTypesFieldsAre400() {
        String create = "{\"operation\":\"create_table\",\"database\":\"" + DB + "\",\"table\":\"hostile\",\"primary_key\":\"id\","
                + "\"attributes\":";
        String table = typedTable(PEOPLE_ATTRIBUTES);
        String load = "{\"operation\":\"csv_data_load\",\"database\":\"" + DB + "\",\"table\":\"" + table
                + "\",\"data\":\"id,name\\n1,a\\n\",\"types\":";
        for (String hostile : new String[] {"1", "true", "{}", "[[]]", "[null]", "[{\"name\":null,\"type\":\"Int\"}]",
                "[{\"name\":\"x\",\"type\":[\"Int\"]}]", "[{\"name\":\"" + "x".repeat(300) + "\",\"type\":\"Int\"}]",
                "[{\"name\":\"x\",\"type\":\"" + "I".repeat(5000) + "\"}]", "[{\"name\":\"\\u0000\",\"type\":\"Int\"}]"}) {
            ApiClient.Response r = api.postRaw(create + hostile + "}");
            assertEquals(400, r.status(), () -> hostile + " -> " + r);
        }
        for (String hostile : new String[] {"1", "\"string\"", "[]", "{\"zip\":null}", "{\"zip\":{}}", "{\"\":\"string\"}",
                "{\"zip\":\"" + "s".repeat(5000) + "\"}"}) {
            ApiClient.Response r = api.postRaw(load + hostile + "}");
            assertEquals(400, r.status(), () -> hostile + " -> " + r);
        }
        assertEquals(404, api.post("{'operation':'describe_table','database':'" + DB + "','table':'hostile'}").status());
        assertEquals("[]", rows(table));
    }

    // --- a load's types field ---

    @Test
    void badTypesFieldsAre400BeforeAnyJob() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        ObjectNode request = csvLoad(table, "id,name\n1,a\n");
        request.putObject("types").put("zip", "strng");
        assertError("unknown type 'strng' for attribute 'zip': the types are String, Int, Long, Float, Boolean, Date or Any",
                request.toString());
        request.putObject("types").put("age", "string");
        assertError("'types' cannot cast attribute 'age' as String: it is declared Int", request.toString());
        request.putArray("types").add("zip");
        assertError("'types' must be an object of attribute names and type names, e.g. {\"zip\": \"string\"}",
                request.toString());
        assertEquals("[]", rows(table));
    }

    @Test
    void typesCastOneLoadAndLeaveTheTableUntyped() {
        String table = api.newTable(DB);
        ObjectNode typed = csvLoad(table, "id,zip\n1,02134\n2,12345\n");
        typed.putObject("types").put("zip", "string");
        JsonNode job = run(typed);
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        run(csvLoad(table, "id,zip\n3,12345\n"));
        JsonNode found = api.ok("{'operation':'sql','sql':'SELECT id, zip FROM " + DB + "." + table + " ORDER BY id'}");
        assertEquals("[{\"id\":1,\"zip\":\"02134\"},{\"id\":2,\"zip\":\"12345\"},{\"id\":3,\"zip\":12345}]", found.toString());
        assertFalse(describe(table).get("attributes").toString().contains("\"type\""), "the table stays untyped");
    }

    // --- loads into a typed table (these need the CSV and JSON sources to cast with the load's caster) ---

    @Test
    void csvLoadCastsEachCellByItsDeclaredType() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        JsonNode job = run(csvLoad(table, "id,zip,age,score,ok,born,name\n"
                + "1,02134,30,1.5,TRUE,2024-01-02,Penny\n2,12345,,1e3,false,,Rex\n3,,007,2,True,1700000000000,\n"));
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("successfully loaded 3 of 3 records", job.path("message").asText());
        assertEquals("[{\"id\":1,\"zip\":\"02134\",\"age\":30,\"score\":1.5,\"ok\":true,\"born\":\"2024-01-02T00:00:00.000Z\",\"name\":\"Penny\"},"
                + "{\"id\":2,\"zip\":\"12345\",\"age\":null,\"score\":1000,\"ok\":false,\"born\":null,\"name\":\"Rex\"},"
                + "{\"id\":3,\"zip\":\"\",\"age\":7,\"score\":2,\"ok\":true,\"born\":\"2023-11-14T22:13:20.000Z\",\"name\":\"\"}]",
                rows(table));
    }

    @Test
    void withoutAnErrorPolicyABadCellFailsTheJobWithHarpersMessage() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        JsonNode job = run(csvLoad(table, "id,age,name\n1,1,a\n2,abc,b\n"));
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertEquals("Invalid value for attribute age: \"abc\", expecting Int", job.path("message").asText());
        assertEquals("[]", rows(table));
    }

    @Test
    void csvLoadWithOnErrorContinueKeepsExactlyTheGoodRows() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        ObjectNode request = csvLoad(table, "id,zip,age,ok,born,name\n"
                + "1,02134,30,true,2024-01-02,Penny\n"
                + "2,02135,abc,true,,Bad age\n"
                + "3,02136,3000000000,false,,Too old\n"
                + "4,02137,40,yes,,Bad boolean\n"
                + "5,02138,50,false,2024-02-30,Bad date\n"
                + "6,02139,60,false,,\n"
                + "7,12345,70,false,,Rex\n"
                + "8,02140,80,false\n");
        request.put("on_error", "continue");
        JsonNode job = run(request);
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("successfully loaded 3 of 8 records", job.path("message").asText(), job::toString);
        assertEquals("[{\"id\":1,\"zip\":\"02134\",\"age\":30,\"score\":null,\"ok\":true,\"born\":\"2024-01-02T00:00:00.000Z\",\"name\":\"Penny\"},"
                + "{\"id\":6,\"zip\":\"02139\",\"age\":60,\"score\":null,\"ok\":false,\"born\":null,\"name\":\"\"},"
                + "{\"id\":7,\"zip\":\"12345\",\"age\":70,\"score\":null,\"ok\":false,\"born\":null,\"name\":\"Rex\"}]",
                rows(table), "row 8 lacks name, which is declared nullable: false");
    }

    @Test
    void jsonImportWithOnErrorContinueKeepsExactlyTheGoodRows() {
        String table = typedTable(PEOPLE_ATTRIBUTES);
        ObjectNode request = s3Import(table, "people-" + table + ".json", "["
                + "{\"id\":1,\"zip\":\"02134\",\"age\":30,\"score\":2,\"born\":\"2024-01-02T03:04:05Z\",\"name\":\"Penny\"},"
                + "{\"id\":2,\"zip\":2135,\"name\":\"Number zip\"},"
                + "{\"id\":3,\"age\":\"30\",\"name\":\"Text age\"},"
                + "{\"id\":4,\"ok\":\"true\",\"name\":\"Text boolean\"},"
                + "{\"id\":5,\"name\":null},"
                + "{\"id\":6},"
                + "{\"id\":7,\"ok\":false,\"born\":0,\"name\":\"Rex\"}]");
        request.put("on_error", "continue");
        JsonNode job = run(request);
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("successfully loaded 2 of 7 records", job.path("message").asText(), job::toString);
        assertEquals("[{\"id\":1,\"zip\":\"02134\",\"age\":30,\"score\":2,\"ok\":null,\"born\":\"2024-01-02T03:04:05.000Z\",\"name\":\"Penny\"},"
                + "{\"id\":7,\"zip\":null,\"age\":null,\"score\":null,\"ok\":false,\"born\":\"1970-01-01T00:00:00.000Z\",\"name\":\"Rex\"}]",
                rows(table));
    }
}
