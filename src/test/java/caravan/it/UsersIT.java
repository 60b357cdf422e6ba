package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** add_user, alter_user, drop_user, list_users, user_info and the role operations (docs/harper-observed.md §6). */
class UsersIT {
    private static final String FORBIDDEN =
            "This operation is not authorized due to role restrictions and/or invalid database items";
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();

    @BeforeAll
    static void createFixtures() {
        caravan.admin().ok("{'operation':'create_table','database':'usr','table':'t1','primary_key':'id'}");
        caravan.admin().ok("{'operation':'create_table','database':'usr','table':'t2','primary_key':'id'}");
        caravan.admin().ok("{'operation':'insert','database':'usr','table':'t1','records':[{'id':1,'name':'Alice','age':30}]}");
        addRole("lowly_role", t1("true", "false"));
        addUser("lowly", "pw", "lowly_role", true);
    }

    private static ApiClient admin() {
        return caravan.admin();
    }

    /** JSON written with single quotes; a backtick stands for an apostrophe inside a string. */
    private static JsonNode json(String text) {
        try {
            return ApiClient.JSON.readTree(text.replace('\'', '"').replace('`', '\''));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String t1(String read, String insert) {
        return "{'super_user':false,'usr':{'tables':{'t1':{'read':" + read + ",'insert':" + insert
                + ",'update':false,'delete':false,'attribute_permissions':[]}}}}";
    }

    private static JsonNode addRole(String name, String permission) {
        return admin().ok("{'operation':'add_role','role':'" + name + "','permission':" + permission + "}");
    }

    private static void addUser(String name, String password, String role, boolean active) {
        admin().ok("{'operation':'add_user','role':'" + role + "','username':'" + name + "','password':'" + password
                + "','active':" + active + "}");
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode entry(JsonNode array, String field, String value) {
        for (JsonNode e : array) {
            if (value.equals(e.path(field).asText(null))) {
                return e;
            }
        }
        return null;
    }

    private static void assertRoleError(ApiClient.Response r, String main, String schema) {
        assertEquals(400, r.status(), r.toString());
        assertEquals(json("{'error':'Errors in the role permissions JSON provided','main_permissions':" + main
                + ",'schema_permissions':" + schema + "}"), r.body());
    }

    // --- roles ---------------------------------------------------------------------------------

    @Test
    void listRolesHoldsTheBuiltInRoles() {
        JsonNode roles = admin().ok("{'operation':'list_roles'}");
        JsonNode superUser = entry(roles, "id", "super_user");
        assertNotNull(superUser, roles.toString());
        assertEquals(List.of("permission", "role", "id", "__updatedtime__", "__createdtime__"), keys(superUser));
        assertEquals(json("{'super_user':true}"), superUser.get("permission"));
        assertEquals("super_user", superUser.get("role").asText());
        assertEquals(json("{'cluster_user':true}"), entry(roles, "id", "cluster_user").get("permission"));
    }

    @Test
    void listRolesIsInIdOrder() {
        addRole("ord_b", "{'super_user':false}");
        addRole("ord_a", "{'super_user':false}");
        List<String> ids = new ArrayList<>();
        admin().ok("{'operation':'list_roles'}").forEach(r -> ids.add(r.get("id").asText()));
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids);
    }

    @Test
    void addRoleAnswersTheRoleWithItsNameAsId() {
        JsonNode role = addRole("reader_role", t1("true", "false"));
        assertEquals(List.of("role", "permission", "id", "__updatedtime__", "__createdtime__"), keys(role));
        assertEquals("reader_role", role.get("role").asText());
        assertEquals("reader_role", role.get("id").asText());
        assertEquals(json(t1("true", "false")), role.get("permission"));
        assertEquals(role.get("__createdtime__"), role.get("__updatedtime__"));
    }

    @Test
    void addRoleKeepsAGivenId() {
        JsonNode role = admin().ok("{'operation':'add_role','role':'named_role','id':'given_id','permission':{'super_user':false}}");
        assertEquals("given_id", role.get("id").asText());
        assertEquals("named_role", entry(admin().ok("{'operation':'list_roles'}"), "id", "given_id").get("role").asText());
    }

    @Test
    void addRoleDuplicateNameIs409() {
        addRole("dup_role", "{'super_user':false}");
        ApiClient.Response r = admin().post("{'operation':'add_role','role':'dup_role','permission':{'super_user':false}}");
        assertEquals(409, r.status());
        assertEquals("A role with name 'dup_role' already exists", r.error());
    }

    @Test
    void addRoleWithoutNameIs400InRoleErrorShape() {
        assertRoleError(admin().post("{'operation':'add_role','permission':{'super_user':false}}"),
                "['Role can`t be blank']", "{}");
    }

    @Test
    void addRoleWithoutPermissionIs400InRoleErrorShape() {
        assertRoleError(admin().post("{'operation':'add_role','role':'no_perm'}"), "['Permission can`t be blank']", "{}");
    }

    @Test
    void addRoleWithNothingListsBothBlanks() {
        assertRoleError(admin().post("{'operation':'add_role'}"),
                "['Role can`t be blank','Permission can`t be blank']", "{}");
    }

    @Test
    void addRoleWithInvalidNameIs400() {
        assertRoleError(admin().post("{'operation':'add_role','role':'bad name','permission':{'super_user':false}}"),
                "['Role is invalid']", "{}");
    }

    @Test
    void addRoleWithUnknownTableIs400() {
        assertRoleError(admin().post("{'operation':'add_role','role':'bad_table','permission':{'super_user':false,"
                + "'usr':{'tables':{'nope':{'read':true,'insert':false,'update':false,'delete':false,'attribute_permissions':[]}}}}}"),
                "['Table `usr.nope` does not exist']", "{}");
    }

    @Test
    void addRoleWithUnknownDatabaseIs400() {
        assertRoleError(admin().post("{'operation':'add_role','role':'bad_db','permission':{'super_user':false,'nope_db':{'tables':{}}}}"),
                "['database `nope_db` does not exist']", "{}");
    }

    @Test
    void addRoleTableProblemsAreListedPerTable() {
        ApiClient.Response r = admin().post("{'operation':'add_role','role':'bad_perms','extra':1,'permission':{'super_user':false,"
                + "'usr':{'tables':{'t1':{'read':true,'bogus':1,'attribute_permissions':[]},"
                + "'t2':{'read':'yes','insert':true,'update':false,'delete':false}}}}}");
        assertRoleError(r, "['Invalid key in JSON body - `extra`']",
                "{'usr_t1':['Invalid table permission key value `bogus`','Missing table INSERT permission',"
                        + "'Missing table UPDATE permission','Missing table DELETE permission'],"
                        + "'usr_t2':['Table READ permission must be a boolean','Missing `attribute_permissions` array']}");
    }

    @Test
    void addRoleSuperUserWithOtherPermissionsIs400() {
        assertRoleError(admin().post("{'operation':'add_role','role':'su_plus','permission':{'super_user':true,'usr':{'tables':{}}}}"),
                "['Roles with `super_user` set to true cannot have other permissions set.']", "{}");
    }

    @Test
    void addRoleWithAttributePermissionsIsStoredAsGiven() {
        String permission = "{'super_user':false,'usr':{'tables':{'t1':{'read':true,'insert':false,'update':false,'delete':false,"
                + "'attribute_permissions':[{'attribute_name':'age','read':false,'insert':false,'update':false}]}}}}";
        assertEquals(json(permission), addRole("attr_role", permission).get("permission"));
    }

    @Test
    void addRoleWithUnknownAttributeIs400() {
        assertRoleError(admin().post("{'operation':'add_role','role':'attr_bad','permission':{'super_user':false,'usr':{'tables':"
                + "{'t1':{'read':true,'insert':false,'update':false,'delete':false,"
                + "'attribute_permissions':[{'attribute_name':'nope','read':true,'insert':false,'update':false}]}}}}}"),
                "[]", "{'usr_t1':['Invalid attribute `nope` in `attribute_permissions`']}");
    }

    @Test
    void alterRoleReplacesThePermission() {
        JsonNode added = addRole("alter_me", t1("true", "true"));
        JsonNode altered = admin().ok("{'operation':'alter_role','id':'alter_me','role':'alter_me','permission':" + t1("true", "false") + "}");
        assertEquals(List.of("id", "role", "permission", "__updatedtime__", "__createdtime__"), keys(altered));
        assertEquals(json(t1("true", "false")), altered.get("permission"));
        assertEquals(added.get("__createdtime__"), altered.get("__createdtime__"));
        assertTrue(altered.get("__updatedtime__").asDouble() > added.get("__updatedtime__").asDouble());
        assertEquals(json(t1("true", "false")), entry(admin().ok("{'operation':'list_roles'}"), "id", "alter_me").get("permission"));
    }

    @Test
    void alterRoleWithoutRoleKeepsTheName() {
        addRole("keep_name", "{'super_user':false}");
        JsonNode altered = admin().ok("{'operation':'alter_role','id':'keep_name','permission':{'super_user':true}}");
        assertEquals("keep_name", altered.get("role").asText());
    }

    @Test
    void alterRoleWithoutIdIs400() {
        assertRoleError(admin().post("{'operation':'alter_role','role':'x','permission':{'super_user':false}}"),
                "['Id can`t be blank']", "{}");
    }

    @Test
    void alterRoleWithoutPermissionIs400() {
        addRole("alter_noperm", "{'super_user':false}");
        assertRoleError(admin().post("{'operation':'alter_role','id':'alter_noperm'}"), "['Permission can`t be blank']", "{}");
    }

    @Test
    void alterRoleUnknownIdIs400() {
        ApiClient.Response r = admin().post("{'operation':'alter_role','id':'nope_role','role':'nope_role','permission':{'super_user':false}}");
        assertEquals(400, r.status());
        assertEquals(json("{'error':'Invalid role id'}"), r.body());
    }

    @Test
    void alterRoleTakesEffectOnTheUsersNextRequest() {
        addRole("grow_role", t1("true", "false"));
        addUser("grow_user", "pw", "grow_role", true);
        ApiClient user = caravan.as("grow_user", "pw");
        String insert = "{'operation':'insert','database':'usr','table':'t1','records':[{'id':500}]}";
        assertEquals(403, user.post(insert).status());
        admin().ok("{'operation':'alter_role','id':'grow_role','permission':" + t1("true", "true") + "}");
        assertEquals(200, user.post(insert).status());
    }

    @Test
    void dropRoleAnswersWithItsName() {
        admin().ok("{'operation':'add_role','role':'drop_named','id':'drop_id','permission':{'super_user':false}}");
        assertEquals(json("{'message':'drop_named successfully deleted'}"), admin().ok("{'operation':'drop_role','id':'drop_id'}"));
        assertEquals(null, entry(admin().ok("{'operation':'list_roles'}"), "id", "drop_id"));
    }

    @Test
    void dropRoleTwiceIs404() {
        addRole("drop_twice", "{'super_user':false}");
        admin().ok("{'operation':'drop_role','id':'drop_twice'}");
        ApiClient.Response r = admin().post("{'operation':'drop_role','id':'drop_twice'}");
        assertEquals(404, r.status());
        assertEquals(json("{'error':'Role not found'}"), r.body());
    }

    @Test
    void dropRoleInUseIs409() {
        addRole("busy_role", "{'super_user':false}");
        addUser("busy_user", "pw", "busy_role", true);
        ApiClient.Response r = admin().post("{'operation':'drop_role','id':'busy_role'}");
        assertEquals(409, r.status());
        assertEquals("Cannot drop role busy_role as it has active user(s) tied to this role", r.error());
    }

    @Test
    void dropRoleWithoutIdIsHapiStyle400() {
        ApiClient.Response r = admin().post("{'operation':'drop_role'}");
        assertEquals(400, r.status());
        assertEquals(json("{'statusCode':400,'error':'Bad Request','message':'Id can`t be blank'}"), r.body());
    }

    @Test
    void dropRoleByRoleFieldIsHapiStyle400() {
        ApiClient.Response r = admin().post("{'operation':'drop_role','role':'super_user'}");
        assertEquals(400, r.status());
        assertEquals("Id can't be blank", r.body().path("message").asText());
    }

    @Test
    void roleDroppedUnderAnInactiveUserLeavesItWithoutRole() {
        addRole("left_role", t1("true", "false"));
        addUser("left_user", "pw", "left_role", false);
        admin().ok("{'operation':'drop_role','id':'left_role'}");
        assertFalse(entry(admin().ok("{'operation':'list_users'}"), "username", "left_user").has("role"));
        admin().ok("{'operation':'alter_user','username':'left_user','active':true}");
        ApiClient.Response r = caravan.as("left_user", "pw").post("{'operation':'user_info'}");
        assertEquals(403, r.status());
        assertEquals("[\"User left_user has no role or permissions.  Please assign the user a valid role.\"]",
                r.body().get("unauthorized_access").toString());
    }

    // --- users ---------------------------------------------------------------------------------

    @Test
    void addUserAnswersOnlyAMessage() {
        addRole("plain_role", t1("true", "false"));
        ApiClient.Response r = admin().post("{'operation':'add_user','role':'plain_role','username':'plain','password':'pw1','active':true}");
        assertEquals(200, r.status());
        assertEquals(json("{'message':'plain successfully added'}"), r.body());
        assertEquals(200, caravan.as("plain", "pw1").post("{'operation':'user_info'}").status());
    }

    @Test
    void addUserDuplicateIs409() {
        addRole("dupu_role", "{'super_user':false}");
        addUser("dup_user", "pw", "dupu_role", true);
        ApiClient.Response r = admin().post("{'operation':'add_user','role':'dupu_role','username':'dup_user','password':'other','active':true}");
        assertEquals(409, r.status());
        assertEquals("User dup_user already exists", r.error());
        assertEquals(401, caravan.as("dup_user", "other").post("{'operation':'user_info'}").status());
    }

    @Test
    void addUserUnknownRoleIs404() {
        ApiClient.Response r = admin().post("{'operation':'add_user','role':'nope_role','username':'x1','password':'pw','active':true}");
        assertEquals(404, r.status());
        assertEquals("nope_role role not found", r.error());
    }

    @Test
    void addUserNamesTheRoleByNameNotId() {
        admin().ok("{'operation':'add_role','role':'by_name','id':'by_id','permission':{'super_user':false}}");
        ApiClient.Response r = admin().post("{'operation':'add_user','role':'by_id','username':'x2','password':'pw','active':true}");
        assertEquals(404, r.status());
        assertEquals("by_id role not found", r.error());
        addUser("x2", "pw", "by_name", true);
        assertEquals("by_id", caravan.as("x2", "pw").ok("{'operation':'user_info'}").at("/role/id").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "missing password | {'operation':'add_user','role':'super_user','username':'v1','active':true}        | Password can't be blank",
        "missing username | {'operation':'add_user','role':'super_user','password':'pw','active':true}        | Username can't be blank",
        "missing role     | {'operation':'add_user','username':'v2','password':'pw','active':true}              | Role can't be blank",
        "missing active   | {'operation':'add_user','role':'super_user','username':'v3','password':'pw'}        | Active can't be blank",
        "active not bool  | {'operation':'add_user','role':'super_user','username':'v4','password':'pw','active':'x'} | Active must be a boolean",
        "system username  | {'operation':'add_user','role':'super_user','username':'system','password':'pw','active':true} | Username You cannot create tables within the system schema",
        "nothing          | {'operation':'add_user'} | Username can't be blank,Password can't be blank,Role can't be blank,Active can't be blank"})
    void addUserValidationIs400(String name, String request, String message) {
        ApiClient.Response r = admin().post(request);
        assertEquals(400, r.status(), r.toString());
        assertEquals(message, r.error());
    }

    @Test
    void addUserIgnoresExtraFields() {
        addRole("extra_role", "{'super_user':false}");
        admin().ok("{'operation':'add_user','role':'extra_role','username':'extra','password':'pw','active':true,'email':'a@b.c'}");
        JsonNode listed = entry(admin().ok("{'operation':'list_users'}"), "username", "extra");
        assertFalse(listed.has("email"), listed.toString());
    }

    @Test
    void inactiveUserIs401() {
        addRole("idle_role", t1("true", "false"));
        addUser("idle", "pw", "idle_role", false);
        for (String op : List.of("describe_all", "user_info")) {
            ApiClient.Response r = caravan.as("idle", "pw").post("{'operation':'" + op + "'}");
            assertEquals(401, r.status());
            assertEquals(json("{'error':'Cannot complete request: User is inactive'}"), r.body());
        }
    }

    @Test
    void alterUserPasswordAnswersUpdateStyleAndOldPasswordStopsWorking() {
        addRole("pw_role", t1("true", "false"));
        addUser("pw_user", "old", "pw_role", true);
        ApiClient old = caravan.as("pw_user", "old");
        assertEquals(200, old.post("{'operation':'user_info'}").status());
        JsonNode answer = admin().ok("{'operation':'alter_user','username':'pw_user','password':'new','active':true}");
        assertEquals(json("{'message':'updated 1 of 1 records','txn_time':0,'update_hashes':['pw_user'],'skipped_hashes':[]}"), answer);
        ApiClient.Response r = old.post("{'operation':'user_info'}");
        assertEquals(401, r.status());
        assertEquals("Login failed", r.error());
        assertEquals(200, caravan.as("pw_user", "new").post("{'operation':'user_info'}").status());
    }

    @Test
    void alterUserRoleTakesEffectOnTheNextRequest() {
        addRole("ro_role", t1("true", "false"));
        addRole("rw_role", t1("true", "true"));
        addUser("mover", "pw", "ro_role", true);
        ApiClient user = caravan.as("mover", "pw");
        String insert = "{'operation':'insert','database':'usr','table':'t1','records':[{'id':600}]}";
        assertEquals(403, user.post(insert).status());
        admin().ok("{'operation':'alter_user','username':'mover','role':'rw_role'}");
        assertEquals(200, user.post(insert).status());
        assertEquals("rw_role", user.ok("{'operation':'user_info'}").at("/role/role").asText());
    }

    @Test
    void alterUserDeactivatesAndReactivates() {
        addRole("toggle_role", "{'super_user':false}");
        addUser("toggle", "pw", "toggle_role", true);
        admin().ok("{'operation':'alter_user','username':'toggle','active':false}");
        assertEquals("Cannot complete request: User is inactive", caravan.as("toggle", "pw").post("{'operation':'user_info'}").error());
        admin().ok("{'operation':'alter_user','username':'toggle','active':true}");
        assertEquals(200, caravan.as("toggle", "pw").post("{'operation':'user_info'}").status());
    }

    @Test
    void alterUserUnknownRoleIs404() {
        addRole("stay_role", "{'super_user':false}");
        addUser("stay", "pw", "stay_role", true);
        ApiClient.Response r = admin().post("{'operation':'alter_user','username':'stay','role':'nope_role'}");
        assertEquals(404, r.status());
        assertEquals("Update failed.  Requested 'nope_role' role not found.", r.error());
    }

    @Test
    void alterUserUnknownUserIsSkipped() {
        assertEquals(json("{'message':'updated 0 of 1 records','txn_time':0,'update_hashes':[],'skipped_hashes':['nope_user']}"),
                admin().ok("{'operation':'alter_user','username':'nope_user','password':'x'}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "missing username | {'operation':'alter_user','password':'x'}                  | username is required",
        "nothing to do    | {'operation':'alter_user','username':'HDB_ADMIN'}         | nothing to update, must supply active, role or password to update",
        "blank password   | {'operation':'alter_user','username':'HDB_ADMIN','password':'  '} | password cannot be an empty string",
        "active not bool  | {'operation':'alter_user','username':'HDB_ADMIN','active':'yes'} | active must be true or false"})
    void alterUserValidationIs500(String name, String request, String message) {
        ApiClient.Response r = admin().post(request);
        assertEquals(500, r.status(), r.toString());
        assertEquals(message, r.error());
    }

    @Test
    void dropUserRemovesItsLogin() {
        addRole("gone_role", "{'super_user':false}");
        addUser("gone", "pw", "gone_role", true);
        assertEquals(200, caravan.as("gone", "pw").post("{'operation':'user_info'}").status());
        assertEquals(json("{'message':'gone successfully deleted'}"), admin().ok("{'operation':'drop_user','username':'gone'}"));
        ApiClient.Response r = caravan.as("gone", "pw").post("{'operation':'user_info'}");
        assertEquals(401, r.status());
        assertEquals("Login failed", r.error());
    }

    @Test
    void droppedAndReAddedUserAcceptsOnlyTheNewPassword() {
        addRole("again_role", "{'super_user':false}");
        addUser("again", "first", "again_role", true);
        assertEquals(200, caravan.as("again", "first").post("{'operation':'user_info'}").status());
        admin().ok("{'operation':'drop_user','username':'again'}");
        addUser("again", "second", "again_role", true);
        assertEquals(401, caravan.as("again", "first").post("{'operation':'user_info'}").status());
        assertEquals(200, caravan.as("again", "second").post("{'operation':'user_info'}").status());
    }

    @Test
    void dropUnknownUserIs404() {
        ApiClient.Response r = admin().post("{'operation':'drop_user','username':'nobody_here'}");
        assertEquals(404, r.status());
        assertEquals(json("{'error':'User nobody_here does not exist'}"), r.body());
    }

    @Test
    void dropUserWithoutUsernameIs400() {
        ApiClient.Response r = admin().post("{'operation':'drop_user'}");
        assertEquals(400, r.status());
        assertEquals(json("{'error':'Username can`t be blank'}"), r.body());
    }

    @Test
    void listUsersNeverShowsAPassword() {
        addRole("secret_role", "{'super_user':false}");
        addUser("secretive", "very-secret-pw", "secret_role", true);
        String text = admin().ok("{'operation':'list_users'}").toString();
        assertFalse(text.contains("very-secret-pw"));
        assertFalse(text.contains("password"));
        assertFalse(text.contains("pbkdf2"));
    }

    @Test
    void listUsersAddsSystemBlockReadableBySuperUsersOnly() {
        addRole("sys_role", t1("true", "false"));
        addUser("sys_user", "pw", "sys_role", true);
        JsonNode users = admin().ok("{'operation':'list_users'}");
        JsonNode adminEntry = entry(users, "username", "HDB_ADMIN");
        assertEquals(List.of("username", "active", "role", "__updatedtime__", "__createdtime__"), keys(adminEntry));
        JsonNode adminSystem = adminEntry.at("/role/permission/system/tables");
        assertEquals(16, adminSystem.size());
        assertEquals(json("{'read':true,'insert':false,'update':false,'delete':false,'attribute_permissions':[]}"),
                adminSystem.get("hdb_user"));
        JsonNode userEntry = entry(users, "username", "sys_user");
        assertEquals(json(t1("true", "false")).get("usr"), userEntry.at("/role/permission/usr"));
        JsonNode userSystem = userEntry.at("/role/permission/system/tables");
        assertEquals(16, userSystem.size());
        for (Iterator<JsonNode> it = userSystem.elements(); it.hasNext();) {
            assertFalse(it.next().get("read").asBoolean());
        }
        assertEquals("sys_role", userEntry.at("/role/id").asText());
    }

    @Test
    void listUsersIsInUsernameOrder() {
        List<String> names = new ArrayList<>();
        admin().ok("{'operation':'list_users'}").forEach(u -> names.add(u.get("username").asText()));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
    }

    @Test
    void userInfoOfTheAdmin() {
        JsonNode info = admin().ok("{'operation':'user_info'}");
        assertEquals(List.of("active", "username", "role"), keys(info));
        assertEquals("HDB_ADMIN", info.get("username").asText());
        assertTrue(info.get("active").asBoolean());
        assertEquals(json("{'super_user':true}"), info.at("/role/permission"));
        assertEquals("super_user", info.at("/role/id").asText());
        assertEquals(List.of("permission", "role", "id", "__updatedtime__", "__createdtime__"), keys(info.get("role")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "add_user   | addUser           | {'operation':'add_user','role':'super_user','username':'y','password':'pw','active':true}",
        "alter_user | alterUser         | {'operation':'alter_user','username':'HDB_ADMIN','active':false}",
        "drop_user  | dropUser          | {'operation':'drop_user','username':'HDB_ADMIN'}",
        "list_users | listUsersExternal | {'operation':'list_users'}",
        "list_roles | listRoles         | {'operation':'list_roles'}",
        "add_role   | addRole           | {'operation':'add_role','role':'z','permission':{'super_user':true}}",
        "alter_role | alterRole         | {'operation':'alter_role','id':'super_user','permission':{'super_user':false}}",
        "drop_role  | dropRole          | {'operation':'drop_role','id':'super_user'}"})
    void userAndRoleOperationsAreSuperUserOnly(String operation, String function, String request) {
        ApiClient.Response r = caravan.as("lowly", "pw").post(request);
        assertEquals(403, r.status(), r.toString());
        assertEquals(json("{'error':'" + FORBIDDEN + "','unauthorized_access':['Operation `" + function
                + "` is restricted to `super_user` roles'],'invalid_schema_items':[]}"), r.body());
        assertEquals(200, admin().post("{'operation':'user_info'}").status(), "the admin is untouched");
    }

    @Test
    void usersAndRolesSurviveARestart() {
        addRole("durable_role", t1("true", "true"));
        addUser("durable", "before", "durable_role", true);
        admin().ok("{'operation':'alter_user','username':'durable','password':'after'}");
        caravan.process().restart();
        ApiClient user = caravan.as("durable", "after");
        JsonNode info = user.ok("{'operation':'user_info'}");
        assertEquals(json(t1("true", "true")), info.at("/role/permission"));
        assertEquals(200, user.post("{'operation':'insert','database':'usr','table':'t1','records':[{'id':700}]}").status());
        assertEquals(401, caravan.as("durable", "before").post("{'operation':'user_info'}").status());
        assertNotNull(entry(admin().ok("{'operation':'list_roles'}"), "id", "durable_role"));
        assertNotNull(entry(admin().ok("{'operation':'list_roles'}"), "id", "cluster_user"));
    }
}
