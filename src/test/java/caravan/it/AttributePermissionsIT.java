package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attribute permissions on every read and write path, role by role (docs/harper-observed.md §8). Tables
 * perm.dog (read paths, never written: ids 1 Penny age 7 owner 10, 2 Bond age 3 owner 11), perm.pup
 * (write paths, seeded with id 1) and perm.owner (ids 1 Ann, 2 Bo). Every role holds read, insert,
 * update and delete on them unless said otherwise; on dog and pup:
 * <ul>
 * <li>mix: name all rights, age none, owner_id not listed; owner: no attribute_permissions;</li>
 * <li>ro: name and owner_id all rights, age read only;</li>
 * <li>open: attribute_permissions [] (no restriction);</li>
 * <li>ts: name, age, owner_id all rights and __createdtime__ listed;</li>
 * <li>ins: name all rights, age read and insert;</li>
 * <li>blind: only age listed, with no right (so nothing is readable, not even the key);</li>
 * <li>reader: table read only, name read, age nothing.</li>
 * </ul>
 */
class AttributePermissionsIT {
    private static final String FORBIDDEN =
            "This operation is not authorized due to role restrictions and/or invalid database items";
    private static final String TIMESTAMP_ERROR = "Internal timestamp attributes - '__createdtime_' and "
            + "'__updatedtime__' - cannot be inserted to or updated by HDB users.";
    private static final String BUCKET = "perm-in";

    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static S3TestServer s3;
    private static HttpServer http;
    private static final Map<String, String> SERVED = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        for (String table : new String[] {"dog", "pup", "owner"}) {
            admin.ok("{'operation':'create_table','database':'perm','table':'" + table + "','primary_key':'id'}");
        }
        admin.ok("{'operation':'insert','database':'perm','table':'dog','records':[{'id':1,'name':'Penny','age':7,"
                + "'owner_id':10},{'id':2,'name':'Bond','age':3,'owner_id':11}]}");
        admin.ok("{'operation':'insert','database':'perm','table':'pup','records':[{'id':1,'name':'seed','age':1,'owner_id':1}]}");
        admin.ok("{'operation':'insert','database':'perm','table':'owner','records':[{'id':1,'oname':'Ann'},{'id':2,'oname':'Bo'}]}");
        String all = "true,true,true";
        role("mix", tables(grants(true, "[" + attribute("name", all) + "," + attribute("age", "false,false,false") + "]"),
                ",'owner':" + grants(true, "[]")));
        role("ro", tables(grants(true, "[" + attribute("name", all) + "," + attribute("age", "true,false,false") + ","
                + attribute("owner_id", all) + "]")));
        role("open", tables(grants(true, "[]")));
        role("blind", tables(grants(true, "[" + attribute("age", "false,false,false") + "]")));
        role("ins", tables(grants(true, "[" + attribute("name", all) + "," + attribute("age", "true,true,false") + "]")));
        role("ts", tables(grants(true, "[" + attribute("name", all) + "," + attribute("age", all) + ","
                + attribute("owner_id", all) + "," + attribute("__createdtime__", all) + "]")));
        role("reader", tables(grants(false, "[" + attribute("name", "true,false,false") + ","
                + attribute("age", "false,false,false") + "]")));
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = SERVED.getOrDefault(exchange.getRequestURI().getPath(), "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        s3.close();
    }

    private static String attribute(String name, String readInsertUpdate) {
        String[] r = readInsertUpdate.split(",");
        return "{'attribute_name':'" + name + "','read':" + r[0] + ",'insert':" + r[1] + ",'update':" + r[2] + "}";
    }

    /** Table rights: all four, or read only; with the given attribute_permissions. */
    private static String grants(boolean allRights, String attributePermissions) {
        return "{'read':true,'insert':" + allRights + ",'update':" + allRights + ",'delete':" + allRights
                + ",'attribute_permissions':" + attributePermissions + "}";
    }

    /** The same rights on dog and pup, and more tables' after them. */
    private static String tables(String grants, String more) {
        return "{'super_user':false,'perm':{'tables':{'dog':" + grants + ",'pup':" + grants + more + "}}}";
    }

    private static String tables(String grants) {
        return tables(grants, "");
    }

    private static void role(String name, String permission) {
        admin.ok("{'operation':'add_role','role':'" + name + "','permission':" + permission + "}");
        admin.ok("{'operation':'add_user','role':'" + name + "','username':'" + name + "','password':'pw','active':true}");
    }

    /** Same JSON text, key order included (JsonNode equality ignores the order of keys). */
    private static void assertJson(String expected, JsonNode actual) {
        assertEquals(json(expected).toString(), actual.toString());
    }

    /** JSON written with single quotes; a backtick stands for an apostrophe. */
    private static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text.replace('\'', '"').replace('`', '\''));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Harper's 403 for attributes the role cannot see (or that do not exist for it). */
    private static String missing(String table, String... attributes) {
        StringBuilder items = new StringBuilder();
        for (String a : attributes) {
            items.append(items.length() == 0 ? "" : ",").append("'Attribute `").append(a)
                    .append("` does not exist on `perm.").append(table).append("`'");
        }
        return "{'error':'" + FORBIDDEN + "','unauthorized_access':[],'invalid_schema_items':[" + items + "]}";
    }

    /** Harper's 403 for a visible attribute lacking the operation's rights. */
    private static String lacking(String table, String attribute, String rights) {
        return "{'error':'" + FORBIDDEN + "','unauthorized_access':[{'schema':'perm','table':'" + table
                + "','required_table_permissions':[],'required_attribute_permissions':[{'attribute_name':'" + attribute
                + "','required_permissions':" + rights + "}]}],'invalid_schema_items':[]}";
    }

    private static String hash(String attributes) {
        return "{'operation':'search_by_hash','database':'perm','table':'dog','hash_values':[1,2],'get_attributes':" + attributes + "}";
    }

    private static String conditions(String conditions, String more) {
        return "{'operation':'search_by_conditions','database':'perm','table':'dog','conditions':" + conditions + more + "}";
    }

    private static String sql(String statement) {
        return "{'operation':'sql','sql':'" + statement + "'}";
    }

    private static final String PENNY = "{'search_attribute':'name','search_type':'equals','search_value':'Penny'}";
    private static final String ON_AGE = "{'search_attribute':'age','search_type':'equals','search_value':7}";
    private static final String NAME_AND_KEY = "[{'name':'Penny','id':1},{'name':'Bond','id':2}]";

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of("mix: search_by_hash * is the readable attributes, key last", "mix", hash("['*']"), 200, NAME_AND_KEY),
                Arguments.of("mix: search_by_hash naming readable ones", "mix", hash("['id','name']"), 200,
                        "[{'id':1,'name':'Penny'},{'id':2,'name':'Bond'}]"),
                Arguments.of("mix: search_by_hash naming a denied attribute", "mix", hash("['name','age']"), 403, missing("dog", "age")),
                Arguments.of("mix: search_by_hash naming an unlisted attribute", "mix", hash("['owner_id']"), 403, missing("dog", "owner_id")),
                Arguments.of("mix: search_by_hash naming an unlisted timestamp", "mix", hash("['__createdtime__']"), 403,
                        missing("dog", "__createdtime__")),
                Arguments.of("mix: search_by_value *", "mix", "{'operation':'search_by_value','database':'perm','table':'dog',"
                        + "'search_attribute':'name','search_value':'*','get_attributes':['*']}", 200, NAME_AND_KEY),
                Arguments.of("mix: search_by_value without get_attributes is the readable attributes", "mix",
                        "{'operation':'search_by_value','database':'perm','table':'dog','search_attribute':'name','search_value':'*'}",
                        200, NAME_AND_KEY),
                Arguments.of("mix: search_by_value on a denied attribute", "mix", "{'operation':'search_by_value','database':'perm',"
                        + "'table':'dog','search_attribute':'age','search_value':7,'get_attributes':['name']}", 403, missing("dog", "age")),
                Arguments.of("mix: search_by_conditions *", "mix", conditions("[" + PENNY + "]", ",'get_attributes':['*']"), 200,
                        "[{'name':'Penny','id':1}]"),
                Arguments.of("mix: search_by_conditions without get_attributes", "mix", conditions("[" + PENNY + "]", ""), 200,
                        "[{'name':'Penny','id':1}]"),
                Arguments.of("mix: search_by_conditions on a denied attribute", "mix", conditions("[" + ON_AGE + "]",
                        ",'get_attributes':['name']"), 403, missing("dog", "age")),
                Arguments.of("mix: search_by_conditions with the denied attribute in a nested group", "mix",
                        conditions("[" + PENNY + ",{'operator':'or','conditions':[" + ON_AGE + "," + PENNY + "]}]", ",'get_attributes':['name']"),
                        403, missing("dog", "age")),
                Arguments.of("mix: search_by_conditions sorted by a denied attribute", "mix", conditions("[" + PENNY + "]",
                        ",'get_attributes':['name'],'sort':{'attribute':'age'}"), 403, missing("dog", "age")),
                Arguments.of("mix: SELECT *", "mix", sql("SELECT * FROM perm.dog ORDER BY id"), 200, NAME_AND_KEY),
                Arguments.of("mix: SELECT alias.*", "mix", sql("SELECT d.* FROM perm.dog d ORDER BY d.id"), 200, NAME_AND_KEY),
                Arguments.of("mix: SELECT a denied column", "mix", sql("SELECT age FROM perm.dog"), 403, missing("dog", "age")),
                Arguments.of("mix: SELECT an unlisted column", "mix", sql("SELECT name, owner_id FROM perm.dog"), 403,
                        missing("dog", "owner_id")),
                Arguments.of("mix: WHERE on a denied column", "mix", sql("SELECT name FROM perm.dog WHERE age > 1"), 403,
                        missing("dog", "age")),
                Arguments.of("mix: a function of a denied column", "mix", sql("SELECT COUNT(age) AS n FROM perm.dog"), 403,
                        missing("dog", "age")),
                Arguments.of("mix: an aliased denied column", "mix", sql("SELECT name, age AS a FROM perm.dog ORDER BY a"), 403,
                        missing("dog", "age")),
                Arguments.of("mix: GROUP BY a denied column", "mix", sql("SELECT name FROM perm.dog GROUP BY name, age"), 403,
                        missing("dog", "age")),
                Arguments.of("mix: ORDER BY a denied column", "mix", sql("SELECT name FROM perm.dog ORDER BY age"), 403,
                        missing("dog", "age")),
                Arguments.of("mix: HAVING on a denied column", "mix",
                        sql("SELECT name FROM perm.dog GROUP BY name HAVING MAX(age) > 1"), 403, missing("dog", "age")),
                Arguments.of("mix: COUNT(*) is refused as Harper refuses it", "mix", sql("SELECT COUNT(*) AS n FROM perm.dog"),
                        403, missing("dog", "*")),
                Arguments.of("mix: a join reads the unrestricted table", "mix", sql("SELECT d.name, o.oname FROM perm.dog d"
                        + " JOIN perm.owner o ON d.id = o.id ORDER BY d.id"), 200, "[{'name':'Penny','oname':'Ann'},{'name':'Bond','oname':'Bo'}]"),
                Arguments.of("mix: a join on a denied column", "mix", sql("SELECT d.name FROM perm.dog d JOIN perm.owner o"
                        + " ON d.owner_id = o.id"), 403, missing("dog", "owner_id")),
                Arguments.of("mix: a bare column of a join is charged to the first table", "mix", sql("SELECT oname FROM"
                        + " perm.dog d JOIN perm.owner o ON d.id = o.id"), 403, missing("dog", "oname")),
                Arguments.of("mix: an unknown column", "mix", sql("SELECT nope FROM perm.dog"), 403, missing("dog", "nope")),
                Arguments.of("ro: search_by_hash * includes the read-only attribute", "ro", hash("['*']"), 200,
                        "[{'name':'Penny','age':7,'owner_id':10,'id':1},{'name':'Bond','age':3,'owner_id':11,'id':2}]"),
                Arguments.of("ro: SELECT *", "ro", sql("SELECT * FROM perm.dog ORDER BY id"), 200,
                        "[{'name':'Penny','age':7,'owner_id':10,'id':1},{'name':'Bond','age':3,'owner_id':11,'id':2}]"),
                Arguments.of("open: every attribute", "open", sql("SELECT id, name, age, owner_id FROM perm.dog ORDER BY id"), 200,
                        "[{'id':1,'name':'Penny','age':7,'owner_id':10},{'id':2,'name':'Bond','age':3,'owner_id':11}]"),
                Arguments.of("blind: SELECT * of nothing readable", "blind", sql("SELECT * FROM perm.dog"), 200, "[]"),
                Arguments.of("blind: search_by_hash * of nothing readable", "blind", hash("['*']"), 500,
                        "{'error':'`get_attributes` must contain at least 1 item'}"),
                Arguments.of("blind: search_by_value on the key", "blind", "{'operation':'search_by_value','database':'perm',"
                        + "'table':'dog','search_attribute':'id','search_value':'*','get_attributes':['*']}", 403, missing("dog", "id")),
                Arguments.of("reader: the readable attribute", "reader", hash("['*']"), 200, NAME_AND_KEY),
                Arguments.of("reader: the denied attribute", "reader", sql("SELECT age FROM perm.dog"), 403, missing("dog", "age")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void readsShowOnlyWhatTheRoleMayRead(String name, String user, String request, int status, String body) {
        ApiClient.Response r = caravan.as(user, "pw").post(json(request));
        assertEquals(status, r.status(), r::toString);
        assertJson(body, r.body());
    }

    private static String write(String operation, String records) {
        return "{'operation':'" + operation + "','database':'perm','table':'pup','records':" + records + "}";
    }

    static Stream<Arguments> refusedWrites() {
        return Stream.of(
                Arguments.of("mix: insert of a denied attribute", "mix", write("insert", "[{'id':101,'name':'x','age':1}]"),
                        missing("pup", "age")),
                Arguments.of("mix: insert of an unlisted attribute", "mix", write("insert", "[{'id':102,'name':'x','owner_id':1}]"),
                        missing("pup", "owner_id")),
                Arguments.of("mix: insert of a new attribute", "mix", write("insert", "[{'id':103,'name':'x','brand_new':1}]"),
                        missing("pup", "brand_new")),
                Arguments.of("mix: insert of an unlisted timestamp", "mix", write("insert", "[{'id':104,'name':'x','__createdtime__':1}]"),
                        missing("pup", "__createdtime__")),
                Arguments.of("mix: every record's keys, in the order met", "mix", write("insert",
                        "[{'id':105,'name':'a'},{'id':106,'age':2,'brand_new':3}]"), missing("pup", "age", "brand_new")),
                Arguments.of("mix: update of a denied attribute", "mix", write("update", "[{'id':1,'age':9}]"), missing("pup", "age")),
                Arguments.of("mix: upsert of a denied attribute", "mix", write("upsert", "[{'id':1,'age':9}]"), missing("pup", "age")),
                Arguments.of("mix: SQL INSERT of a denied column", "mix", sql("INSERT INTO perm.pup (id, age) VALUES (107, 1)"),
                        missing("pup", "age")),
                Arguments.of("mix: SQL INSERT of a new column", "mix", sql("INSERT INTO perm.pup (id, brand) VALUES (108, 1)"),
                        missing("pup", "brand")),
                Arguments.of("mix: SQL UPDATE SET a denied column", "mix", sql("UPDATE perm.pup SET age = 2 WHERE id = 1"),
                        missing("pup", "age")),
                Arguments.of("mix: SQL UPDATE from a denied column", "mix", sql("UPDATE perm.pup SET name = age WHERE id = 1"),
                        missing("pup", "age")),
                Arguments.of("mix: SQL UPDATE WHERE on a denied column", "mix",
                        sql("UPDATE perm.pup SET name = `z` WHERE age = 1"), missing("pup", "age")),
                Arguments.of("mix: SQL DELETE WHERE on a denied column", "mix", sql("DELETE FROM perm.pup WHERE age = 1"),
                        missing("pup", "age")),
                Arguments.of("ro: insert of a read-only attribute", "ro", write("insert", "[{'id':110,'name':'x','age':1}]"),
                        lacking("pup", "age", "['insert']")),
                Arguments.of("ro: update of a read-only attribute", "ro", write("update", "[{'id':1,'age':5}]"),
                        lacking("pup", "age", "['update']")),
                Arguments.of("ro: upsert of a read-only attribute", "ro", write("upsert", "[{'id':1,'age':5}]"),
                        lacking("pup", "age", "['insert','update']")),
                Arguments.of("ro: SQL UPDATE SET a read-only column", "ro", sql("UPDATE perm.pup SET age = 5 WHERE id = 1"),
                        lacking("pup", "age", "['update']")),
                Arguments.of("ro: insert of a new attribute", "ro", write("insert", "[{'id':111,'name':'x','brand_new2':1}]"),
                        missing("pup", "brand_new2")),
                Arguments.of("ts: insert of a visible timestamp", "ts", write("insert", "[{'id':120,'name':'x','__createdtime__':5}]"),
                        "{'error':'" + TIMESTAMP_ERROR.replace('\'', '`') + "'}"),
                Arguments.of("ts: insert of an unlisted timestamp", "ts", write("insert", "[{'id':121,'name':'x','__updatedtime__':5}]"),
                        missing("pup", "__updatedtime__")),
                Arguments.of("reader: the table permission comes first", "reader", write("insert", "[{'id':130,'name':'x'}]"),
                        "{'error':'" + FORBIDDEN + "','unauthorized_access':[{'schema':'perm','table':'pup',"
                                + "'required_table_permissions':['insert'],'required_attribute_permissions':[]}],'invalid_schema_items':[]}"));
    }

    /** What perm.pup holds, records and attributes, as the super user sees it. */
    private static JsonNode pupState() {
        ObjectNode state = ApiClient.object();
        state.set("records", admin.ok(sql("SELECT * FROM perm.pup ORDER BY id")));
        state.set("attributes", admin.ok("{'operation':'describe_table','database':'perm','table':'pup'}").path("attributes"));
        return state;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWrites")
    void refusedWritesAnswer403AndChangeNothing(String name, String user, String request, String body) {
        JsonNode before = pupState();
        ApiClient.Response r = caravan.as(user, "pw").post(json(request));
        assertEquals(403, r.status(), r::toString);
        assertJson(body, r.body());
        assertEquals(before, pupState());
    }

    /** Posts a request written as for json() and requires 200. */
    private static JsonNode ok(ApiClient client, String request) {
        ApiClient.Response r = client.post(json(request));
        assertEquals(200, r.status(), () -> request + " -> " + r);
        return r.body();
    }

    private static JsonNode pup(int id, String attributes) {
        return admin.ok("{'operation':'search_by_hash','database':'perm','table':'pup','hash_values':[" + id
                + "],'get_attributes':" + attributes + "}");
    }

    @Test
    void allowedWritesStoreWhatTheRoleMayWrite() {
        ApiClient mix = caravan.as("mix", "pw");
        assertJson("{'message':'inserted 1 of 1 records','inserted_hashes':[200],'skipped_hashes':[]}",
                mix.ok(write("insert", "[{'id':200,'name':'ok'}]")));
        assertJson("{'message':'updated 1 of 1 records','update_hashes':[200],'skipped_hashes':[]}",
                mix.ok(write("update", "[{'id':200,'name':'renamed'}]")));
        assertJson("{'message':'upserted 1 of 1 records','upserted_hashes':[201]}",
                mix.ok(write("upsert", "[{'id':201,'name':'up'}]")));
        assertJson("{'message':'inserted 1 of 1 records','inserted_hashes':[202],'skipped_hashes':[]}",
                ok(mix, sql("INSERT INTO perm.pup (id, name) VALUES (202, `sq`)")));
        assertJson("{'message':'updated 1 of 1 records','update_hashes':[202],'skipped_hashes':[]}",
                ok(mix, sql("UPDATE perm.pup SET name = `sq2` WHERE id = 202")));
        assertJson("{'message':'updated 1 of 1 records','update_hashes':[1],'skipped_hashes':[]}",
                caravan.as("ro", "pw").ok(write("update", "[{'id':1,'owner_id':7}]")));
        assertJson("[{'id':200,'name':'renamed','age':null},{'id':201,'name':'up','age':null},"
                + "{'id':202,'name':'sq2','age':null},{'id':1,'name':'seed','age':1}]",
                admin.ok("{'operation':'search_by_hash','database':'perm','table':'pup','hash_values':[200,201,202,1],"
                        + "'get_attributes':['id','name','age']}"));
        assertEquals(7, pup(1, "['owner_id']").get(0).path("owner_id").asInt());
    }

    @Test
    void timestampsAreNeverUserWritable() throws IOException {
        caravan.as("open", "pw").ok(write("insert", "[{'id':300,'name':'t','brand_new3':1,'__createdtime__':5,'__updatedtime__':6}]"));
        admin.ok(write("insert", "[{'id':301,'name':'t','__createdtime__':5,'__updatedtime__':6}]"));
        ok(caravan.as("open", "pw"), sql("UPDATE perm.pup SET __updatedtime__ = 7, name = `u` WHERE id = 300"));
        admin.ok(write("upsert", "[{'id':301,'__createdtime__':8}]"));
        assertEquals("COMPLETE", new Jobs(admin).run(load("csv_data_load", "insert",
                "id,name,__createdtime__,__updatedtime__\n302,c,5,6\n", "ts.csv").toString()).path("status").asText());
        for (int id : new int[] {300, 301, 302}) {
            JsonNode stored = pup(id, "['__createdtime__','__updatedtime__']").get(0);
            assertTrue(stored.path("__createdtime__").asDouble() > 1e12, stored::toString);
            assertTrue(stored.path("__updatedtime__").asDouble() > 1e12, stored::toString);
        }
        assertEquals(1, pup(300, "['brand_new3']").get(0).path("brand_new3").asInt(),
                "a role without attribute restrictions may add attributes");
    }

    private static ObjectNode load(String operation, String action, String table) {
        ObjectNode request = ApiClient.object().put("operation", operation).put("database", "perm").put("table", table);
        if (action != null) {
            request.put("action", action);
        }
        return request;
    }

    /** One load of a CSV (or, for the .json key, JSON) text through the named operation. */
    private static ObjectNode load(String operation, String action, String text, String name) throws IOException {
        ObjectNode request = load(operation, action, "pup");
        switch (operation) {
            case "csv_data_load" -> request.put("data", text);
            case "csv_file_load" -> request.put("file_path", Files.writeString(files.resolve(name), text).toString());
            case "csv_url_load" -> {
                SERVED.put("/" + name, text);
                request.put("csv_url", "http://127.0.0.1:" + http.getAddress().getPort() + "/" + name);
            }
            case "import_from_s3" -> {
                s3.put(BUCKET, name, text.getBytes(StandardCharsets.UTF_8));
                request.putObject("s3").put("aws_access_key_id", s3.accessKeyId())
                        .put("aws_secret_access_key", s3.secretAccessKey()).put("bucket", BUCKET).put("key", name)
                        .put("region", S3TestServer.REGION).put("endpoint", s3.endpoint());
            }
            default -> throw new IllegalArgumentException(operation);
        }
        return request;
    }

    static Stream<Arguments> refusedLoads() {
        return Stream.of(
                Arguments.of("mix", "csv_data_load", "insert", "id,age\n400,1\n", "a.csv", missing("pup", "age")),
                Arguments.of("mix", "csv_data_load", "update", "id,age\n1,5\n", "b.csv", missing("pup", "age")),
                Arguments.of("mix", "csv_file_load", "insert", "id,name,brand\n401,a,b\n", "c.csv", missing("pup", "brand")),
                Arguments.of("mix", "csv_url_load", "insert", "id,name,__createdtime__\n402,a,5\n", "d.csv",
                        missing("pup", "__createdtime__")),
                Arguments.of("mix", "csv_file_load", "insert", "id,name,age,owner_id\n403,a,1,2\n", "e.csv",
                        missing("pup", "age", "owner_id")),
                Arguments.of("ro", "import_from_s3", "upsert", "id,age\n1,5\n", "f.csv", lacking("pup", "age", "['insert','update']")),
                Arguments.of("ro", "import_from_s3", "insert", "[{\"id\":404,\"name\":\"j\",\"age\":2}]", "g.json",
                        lacking("pup", "age", "['insert']")),
                Arguments.of("ins", "csv_data_load", null, "id,age\n406,1\n", "i.csv", lacking("pup", "age", "['update']")),
                Arguments.of("ts", "csv_data_load", "insert", "id,name,__createdtime__\n405,a,5\n", "h.csv",
                        "'" + TIMESTAMP_ERROR.replace('\'', '`') + "'"));
    }

    @ParameterizedTest(name = "{0}: {1} {2} of {3}")
    @MethodSource("refusedLoads")
    void refusedLoadsEndInErrorWithHarpersMessageAndWriteNothing(String user, String operation, String action, String text,
                                                                 String name, String message) throws IOException {
        JsonNode before = pupState();
        JsonNode job = new Jobs(caravan.as(user, "pw")).run(load(operation, action, text, name).toString());
        assertEquals("ERROR", job.path("status").asText(), job::toString);
        assertJson(message, job.path("message"));
        assertEquals(before, pupState());
    }

    @Test
    void allowedLoadsWriteTheirRecords() throws IOException {
        Jobs mix = new Jobs(caravan.as("mix", "pw"));
        assertEquals("successfully loaded 1 of 1 records",
                mix.run(load("csv_data_load", "insert", "id,name\n500,loaded\n", "ok.csv").toString()).path("message").asText());
        assertEquals("successfully loaded 1 of 1 records",
                mix.run(load("import_from_s3", "upsert", "[{\"id\":501,\"name\":\"json\"}]", "ok.json").toString())
                        .path("message").asText());
        assertEquals("successfully loaded 1 of 1 records", new Jobs(caravan.as("ins", "pw"))
                .run(load("csv_file_load", "insert", "id,age\n502,4\n", "ok-insert.csv").toString()).path("message").asText());
        assertJson("[{'id':500,'name':'loaded','age':null},{'id':501,'name':'json','age':null},{'id':502,'name':null,'age':4}]",
                admin.ok("{'operation':'search_by_hash','database':'perm','table':'pup','hash_values':[500,501,502],"
                        + "'get_attributes':['id','name','age']}"));
    }

    private static ObjectNode export(String format, String filename, String statement) {
        ObjectNode request = ApiClient.object().put("operation", "export_local").put("format", format)
                .put("path", files.toString()).put("filename", filename);
        request.putObject("search_operation").put("operation", "sql").put("sql", statement);
        return request;
    }

    @Test
    void exportsHoldOnlyReadableAttributes() throws IOException {
        Jobs mix = new Jobs(caravan.as("mix", "pw"));
        assertEquals("COMPLETE", mix.run(export("json", "mix-star", "SELECT * FROM perm.dog ORDER BY id").toString())
                .path("status").asText());
        assertJson(NAME_AND_KEY, ApiClient.JSON.readTree(Files.readString(files.resolve("mix-star.json"))));
        assertEquals("COMPLETE", mix.run(export("csv", "mix-star", "SELECT * FROM perm.dog ORDER BY id").toString())
                .path("status").asText());
        assertEquals("\"id\",\"name\"\n1,\"Penny\"\n2,\"Bond\"", Files.readString(files.resolve("mix-star.csv")));
    }

    @Test
    void exportsOfADeniedAttributeAre403BeforeAnyJob() {
        ApiClient.Response r = caravan.as("mix", "pw").post(export("json", "mix-age", "SELECT age FROM perm.dog"));
        assertEquals(403, r.status(), r::toString);
        assertJson(missing("dog", "age"), r.body());
        assertTrue(Files.notExists(files.resolve("mix-age.json")));
        ObjectNode toS3 = ApiClient.object().put("operation", "export_to_s3").put("format", "json");
        toS3.putObject("s3").put("aws_access_key_id", s3.accessKeyId()).put("aws_secret_access_key", s3.secretAccessKey())
                .put("bucket", BUCKET).put("key", "out/mix-age").put("region", S3TestServer.REGION).put("endpoint", s3.endpoint());
        toS3.putObject("search_operation").put("operation", "sql").put("sql", "SELECT name FROM perm.dog WHERE age > 1");
        ApiClient.Response s = caravan.as("mix", "pw").post(toS3);
        assertEquals(403, s.status(), s::toString);
        assertJson(missing("dog", "age"), s.body());
    }

    @Test
    void exportToS3HoldsOnlyReadableAttributes() {
        ObjectNode toS3 = ApiClient.object().put("operation", "export_to_s3").put("format", "json");
        toS3.putObject("s3").put("aws_access_key_id", s3.accessKeyId()).put("aws_secret_access_key", s3.secretAccessKey())
                .put("bucket", BUCKET).put("key", "out/mix-star").put("region", S3TestServer.REGION).put("endpoint", s3.endpoint());
        toS3.putObject("search_operation").put("operation", "sql").put("sql", "SELECT * FROM perm.dog ORDER BY id");
        JsonNode job = new Jobs(caravan.as("mix", "pw")).run(toS3.toString());
        assertEquals("COMPLETE", job.path("status").asText(), job::toString);
        assertEquals("[{\"name\":\"Penny\",\"id\":1},{\"name\":\"Bond\",\"id\":2}]",
                new String(s3.get(BUCKET, "out/mix-star.json"), StandardCharsets.UTF_8));
    }
}
