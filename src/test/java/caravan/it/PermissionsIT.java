package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a non-super user may do with its role's table permissions, and Harper's 403 bodies when it may
 * not (docs/harper-observed.md §6, "as non-super user"). The reader role: perm.t1 read only; perm.t2 and
 * database other are not in it; perm.t3 is in it with nothing granted.
 */
class PermissionsIT {
    private static final String FORBIDDEN =
            "This operation is not authorized due to role restrictions and/or invalid database items";
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();

    @BeforeAll
    static void createFixtures() {
        ApiClient admin = caravan.admin();
        for (String table : List.of("t1", "t2", "t3", "ins", "ups", "both", "attr")) {
            admin.ok("{'operation':'create_table','database':'perm','table':'" + table + "','primary_key':'id'}");
        }
        admin.ok("{'operation':'create_table','database':'other','table':'o1','primary_key':'id'}");
        admin.ok("{'operation':'insert','database':'perm','table':'t1','records':[{'id':1,'name':'Alice'}]}");
        addRole("reader", "{'super_user':false,'perm':{'tables':{'t1':" + grants(true, false, false, false)
                + ",'t3':" + grants(false, false, false, false) + "}}}");
        addUser("reader", "reader");
        addRole("writer", "{'super_user':false,'perm':{'tables':{'ins':" + grants(false, true, false, false)
                + ",'ups':" + grants(false, false, true, false) + ",'both':" + grants(false, true, true, false)
                + ",'attr':" + grants(true, true, false, false) + "}}}");
        addUser("writer", "writer");
        addRole("builder", "{'super_user':false,'structure_user':['perm']}");
        addUser("builder", "builder");
    }

    private static String grants(boolean read, boolean insert, boolean update, boolean delete) {
        return "{'read':" + read + ",'insert':" + insert + ",'update':" + update + ",'delete':" + delete
                + ",'attribute_permissions':[]}";
    }

    private static void addRole(String name, String permission) {
        caravan.admin().ok("{'operation':'add_role','role':'" + name + "','permission':" + permission + "}");
    }

    private static void addUser(String name, String role) {
        caravan.admin().ok("{'operation':'add_user','role':'" + role + "','username':'" + name
                + "','password':'pw','active':true}");
    }

    private static ApiClient as(String user) {
        return caravan.as(user, "pw");
    }

    /** JSON written with single quotes; a backtick stands for an apostrophe inside a string. */
    private static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text.replace('\'', '"').replace('`', '\''));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode missingPermissions(String table, String permissions) {
        return json("{'error':'" + FORBIDDEN + "','unauthorized_access':[{'schema':'perm','table':'" + table
                + "','required_table_permissions':" + permissions + ",'required_attribute_permissions':[]}],"
                + "'invalid_schema_items':[]}");
    }

    private static JsonNode invalidItem(String item) {
        return json("{'error':'" + FORBIDDEN + "','unauthorized_access':[],'invalid_schema_items':['" + item + "']}");
    }

    private static void assertForbidden(JsonNode expected, ApiClient.Response r) {
        assertEquals(403, r.status(), r.toString());
        assertEquals(expected, r.body());
    }

    @Test
    void insertWithoutInsertPermissionIs403() {
        assertForbidden(missingPermissions("t1", "['insert']"),
                as("reader").post("{'operation':'insert','database':'perm','table':'t1','records':[{'id':77,'name':'x'}]}"));
    }

    @Test
    void updateWithoutUpdatePermissionIs403() {
        assertForbidden(missingPermissions("t1", "['update']"),
                as("reader").post("{'operation':'update','database':'perm','table':'t1','records':[{'id':1,'name':'x'}]}"));
    }

    @Test
    void deleteWithoutDeletePermissionIs403() {
        assertForbidden(missingPermissions("t1", "['delete']"),
                as("reader").post("{'operation':'delete','database':'perm','table':'t1','ids':[1]}"));
    }

    @Test
    void upsertWithNeitherPermissionNamesBoth() {
        assertForbidden(missingPermissions("t1", "['insert','update']"),
                as("reader").post("{'operation':'upsert','database':'perm','table':'t1','records':[{'id':1}]}"));
    }

    @Test
    void upsertWithInsertOnlyNeedsUpdate() {
        assertForbidden(missingPermissions("ins", "['update']"),
                as("writer").post("{'operation':'upsert','database':'perm','table':'ins','records':[{'id':1}]}"));
    }

    @Test
    void upsertWithUpdateOnlyNeedsInsert() {
        assertForbidden(missingPermissions("ups", "['insert']"),
                as("writer").post("{'operation':'upsert','database':'perm','table':'ups','records':[{'id':1}]}"));
    }

    @Test
    void upsertWithInsertAndUpdateWorks() {
        assertEquals(json("{'message':'upserted 1 of 1 records','upserted_hashes':[1]}"),
                as("writer").ok("{'operation':'upsert','database':'perm','table':'both','records':[{'id':1}]}"));
    }

    @Test
    void insertWithInsertPermissionWorks() {
        assertEquals(200, as("writer").post("{'operation':'insert','database':'perm','table':'ins','records':[{'id':5}]}").status());
    }

    @Test
    void tableNotInRoleIsAnInvalidItem() {
        assertForbidden(invalidItem("Table `perm.t2` does not exist"),
                as("reader").post("{'operation':'insert','database':'perm','table':'t2','records':[{'id':1}]}"));
    }

    @Test
    void tableWithNothingGrantedIsAnInvalidItem() {
        assertForbidden(invalidItem("Table `perm.t3` does not exist"),
                as("reader").post("{'operation':'delete','database':'perm','table':'t3','ids':[1]}"));
    }

    @Test
    void nonexistentTableIsTheSameInvalidItem() {
        assertForbidden(invalidItem("Table `perm.nope` does not exist"),
                as("reader").post("{'operation':'insert','database':'perm','table':'nope','records':[{'id':1}]}"));
    }

    @Test
    void databaseNotInRoleIsAnInvalidItem() {
        assertForbidden(invalidItem("database `other` does not exist"),
                as("reader").post("{'operation':'insert','database':'other','table':'o1','records':[{'id':1}]}"));
    }

    @Test
    void describeAllShowsOnlyPermittedTablesWithoutAttributes() {
        JsonNode all = as("reader").ok("{'operation':'describe_all'}");
        List<String> databases = new ArrayList<>();
        all.fieldNames().forEachRemaining(databases::add);
        assertEquals(List.of("perm"), databases);
        List<String> tables = new ArrayList<>();
        all.get("perm").fieldNames().forEachRemaining(tables::add);
        assertEquals(List.of("t1"), tables);
        assertEquals(json("[]"), all.at("/perm/t1/attributes"));
        assertEquals(1, all.at("/perm/t1/record_count").asInt());
    }

    @Test
    void describeDatabaseShowsOnlyPermittedTables() {
        JsonNode db = as("reader").ok("{'operation':'describe_database','database':'perm'}");
        List<String> tables = new ArrayList<>();
        db.fieldNames().forEachRemaining(tables::add);
        assertEquals(List.of("t1"), tables);
    }

    @Test
    void describeDatabaseNotInRoleIs403() {
        assertForbidden(invalidItem("database `other` does not exist"),
                as("reader").post("{'operation':'describe_database','database':'other'}"));
    }

    @Test
    void describeTableNotInRoleIs403() {
        assertForbidden(invalidItem("Table `perm.t2` does not exist"),
                as("reader").post("{'operation':'describe_table','database':'perm','table':'t2'}"));
    }

    @Test
    void describeTableNeedsRead() {
        assertForbidden(missingPermissions("ins", "['read']"),
                as("writer").post("{'operation':'describe_table','database':'perm','table':'ins'}"));
    }

    @Test
    void describeAllShowsTablesGrantedAnything() {
        JsonNode all = as("writer").ok("{'operation':'describe_all'}");
        List<String> tables = new ArrayList<>();
        all.get("perm").fieldNames().forEachRemaining(tables::add);
        tables.sort(null);
        assertEquals(List.of("attr", "both", "ins", "ups"), tables);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "create_database  | createSchema  | {'operation':'create_database','database':'forbidden_db'}",
        "create_schema    | createSchema  | {'operation':'create_schema','schema':'forbidden_db'}",
        "drop_database    | dropSchema    | {'operation':'drop_database','database':'perm'}",
        "create_table     | createTable   | {'operation':'create_table','database':'perm','table':'t9','primary_key':'id'}",
        "drop_table       | dropTable     | {'operation':'drop_table','database':'perm','table':'t1'}",
        "drop_attribute   | dropAttribute | {'operation':'drop_attribute','database':'perm','table':'t1','attribute':'name'}",
        "add_user         | addUser       | {'operation':'add_user','role':'reader','username':'y','password':'pw','active':true}",
        "list_users       | listUsersExternal | {'operation':'list_users'}",
        "list_roles       | listRoles     | {'operation':'list_roles'}"})
    void superUserOnlyOperationsAre403(String operation, String function, String request) {
        ApiClient.Response r = as("reader").post(request);
        assertEquals(403, r.status(), r.toString());
        assertEquals(json("{'error':'" + FORBIDDEN + "','unauthorized_access':['Operation `" + function
                + "` is restricted to `super_user` roles'],'invalid_schema_items':[]}"), r.body());
    }

    @Test
    void createAttributeNeedsInsertNotSuperUser() {
        assertForbidden(missingPermissions("t1", "['insert']"),
                as("reader").post("{'operation':'create_attribute','database':'perm','table':'t1','attribute':'extra'}"));
        assertEquals(json("{'message':'attribute `perm.attr.extra` successfully created.'}"),
                as("writer").ok("{'operation':'create_attribute','database':'perm','table':'attr','attribute':'extra'}"));
    }

    @Test
    void structureUserMayCreateTablesInItsDatabases() {
        assertEquals(json("{'message':'table `perm.built` successfully created.'}"),
                as("builder").ok("{'operation':'create_table','database':'perm','table':'built','primary_key':'id'}"));
    }

    @Test
    void structureUserMayNotCreateTablesElsewhere() {
        ApiClient.Response r = as("builder").post("{'operation':'create_table','database':'other','table':'built','primary_key':'id'}");
        assertEquals(403, r.status());
        assertEquals(json("['User does not have access to perform `create_table` against schema `other`']"),
                r.body().get("unauthorized_access"));
    }

    @Test
    void structureUserListIsNoLicenceForDatabases() {
        ApiClient.Response r = as("builder").post("{'operation':'create_database','database':'built_db'}");
        assertEquals(403, r.status());
        assertEquals(json("['Operation `createSchema` is restricted to `super_user` roles']"), r.body().get("unauthorized_access"));
    }

    @Test
    void userInfoWorksForANonSuperUser() {
        JsonNode info = as("reader").ok("{'operation':'user_info'}");
        assertEquals("reader", info.get("username").asText());
        assertEquals(true, info.get("active").asBoolean());
        assertEquals("reader", info.at("/role/id").asText());
        assertEquals("reader", info.at("/role/role").asText());
        assertEquals(json("{'super_user':false,'perm':{'tables':{'t1':" + grants(true, false, false, false)
                + ",'t3':" + grants(false, false, false, false) + "}}}"), info.at("/role/permission"));
        assertFalse(info.toString().contains("password"));
    }

    @Test
    void forbiddenWritesChangeNothing() {
        as("reader").post("{'operation':'insert','database':'perm','table':'t1','records':[{'id':88,'name':'x'}]}");
        assertEquals(1, caravan.admin().ok("{'operation':'describe_table','database':'perm','table':'t1'}")
                .get("record_count").asInt());
    }
}
