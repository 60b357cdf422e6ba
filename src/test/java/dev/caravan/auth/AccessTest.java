package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import org.junit.jupiter.api.Test;

/** Role checks and Harper's 403 bodies (docs/harper-observed.md §6). */
class AccessTest {
    private static final String NOT_AUTHORIZED =
            "This operation is not authorized due to role restrictions and/or invalid database items";

    private static Access access(String permissionJson) {
        try {
            ObjectNode permission = (ObjectNode) HarperJson.parse(permissionJson.replace('\'', '"'));
            return new Access(new User("u", true, new User.Role("r", "r", permission, 1, 1)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String table(String read, String insert, String update, String delete) {
        return "{'read':" + read + ",'insert':" + insert + ",'update':" + update + ",'delete':" + delete
                + ",'attribute_permissions':[]}";
    }

    /** obs.t1 read only, obs.t3 nothing granted. */
    private static final Access READER = access("{'super_user':false,'obs':{'tables':{'t1':"
            + table("true", "false", "false", "false") + ",'t3':" + table("false", "false", "false", "false") + "}}}");

    private static final Access SUPER = access("{'super_user':true}");

    @Test
    void superUserPassesSuperUserCheck() {
        assertDoesNotThrow(() -> SUPER.requireSuperUser("addUser"));
    }

    @Test
    void nonSuperUserGets403NamingTheFunction() {
        HarperException e = assertThrows(HarperException.class, () -> READER.requireSuperUser("addUser"));
        assertEquals(403, e.status());
        assertEquals("{\"error\":\"" + NOT_AUTHORIZED + "\",\"unauthorized_access\":"
                + "[\"Operation 'addUser' is restricted to 'super_user' roles\"],\"invalid_schema_items\":[]}",
                HarperJson.write(e.body()));
    }

    @Test
    void missingTablePermissionIsListedAsRequired() {
        HarperException e = assertThrows(HarperException.class,
                () -> READER.requireTable("obs", "t1", TablePermission.INSERT));
        assertEquals(403, e.status());
        assertEquals("{\"error\":\"" + NOT_AUTHORIZED + "\",\"unauthorized_access\":[{\"schema\":\"obs\",\"table\":\"t1\","
                + "\"required_table_permissions\":[\"insert\"],\"required_attribute_permissions\":[]}],"
                + "\"invalid_schema_items\":[]}", HarperJson.write(e.body()));
    }

    @Test
    void upsertListsBothMissingPermissions() {
        HarperException e = assertThrows(HarperException.class,
                () -> READER.requireTable("obs", "t1", TablePermission.INSERT, TablePermission.UPDATE));
        assertEquals("[\"insert\",\"update\"]",
                e.body().path("unauthorized_access").get(0).path("required_table_permissions").toString());
    }

    @Test
    void grantedPermissionPasses() {
        assertDoesNotThrow(() -> READER.requireTable("obs", "t1", TablePermission.READ));
    }

    @Test
    void tableNotInRoleIsAnInvalidItem() {
        HarperException e = assertThrows(HarperException.class, () -> READER.requireTable("obs", "t2", TablePermission.READ));
        assertEquals("[]", e.body().path("unauthorized_access").toString());
        assertEquals("[\"Table 'obs.t2' does not exist\"]", e.body().path("invalid_schema_items").toString());
    }

    @Test
    void tableWithNothingGrantedCountsAsNotInRole() {
        HarperException e = assertThrows(HarperException.class, () -> READER.requireTable("obs", "t3"));
        assertEquals("[\"Table 'obs.t3' does not exist\"]", e.body().path("invalid_schema_items").toString());
        assertFalse(READER.knowsTable("obs", "t3"));
    }

    @Test
    void databaseNotInRoleIsAnInvalidItem() {
        HarperException e = assertThrows(HarperException.class, () -> READER.requireTable("other", "t1"));
        assertEquals("[\"database 'other' does not exist\"]", e.body().path("invalid_schema_items").toString());
    }

    @Test
    void databaseIsKnownThroughAVisibleTable() {
        assertTrue(READER.knowsDatabase("obs"));
        assertFalse(READER.knowsDatabase("other"));
        assertFalse(access("{'super_user':false,'obs':{'tables':{'t3':" + table("false", "false", "false", "false")
                + "}}}").knowsDatabase("obs"));
    }

    @Test
    void superUserKnowsEverything() {
        assertTrue(SUPER.knowsTable("any", "thing"));
        assertTrue(SUPER.can("any", "thing", TablePermission.DELETE));
        assertDoesNotThrow(() -> SUPER.requireTable("any", "thing", TablePermission.DELETE));
    }

    @Test
    void structureUserTrueMayChangeAnyDatabase() {
        Access structure = access("{'super_user':false,'structure_user':true}");
        assertTrue(structure.structureGranted("create_table", "obs"));
        assertDoesNotThrow(() -> structure.requireDatabaseStructure("createSchema"));
    }

    @Test
    void structureUserListMayChangeOnlyItsDatabases() {
        Access structure = access("{'super_user':false,'structure_user':['obs']}");
        assertTrue(structure.structureGranted("create_table", "obs"));
        HarperException e = assertThrows(HarperException.class, () -> structure.structureGranted("create_table", "uh"));
        assertEquals("[\"User does not have access to perform 'create_table' against schema 'uh'\"]",
                e.body().path("unauthorized_access").toString());
        HarperException db = assertThrows(HarperException.class, () -> structure.requireDatabaseStructure("createSchema"));
        assertEquals("[\"Operation 'createSchema' is restricted to 'super_user' roles\"]",
                db.body().path("unauthorized_access").toString());
    }

    @Test
    void roleWithoutStructureUserIsNoStructureUser() {
        assertFalse(READER.structureGranted("create_table", "obs"));
    }

    @Test
    void userWithoutRoleIsRefusedEverything() {
        Access none = new Access(new User("ghost", true, null));
        assertFalse(none.isSuperUser());
        assertFalse(none.knowsTable("obs", "t1"));
        HarperException e = Access.withoutRole("ghost");
        assertEquals(403, e.status());
        assertEquals("[\"User ghost has no role or permissions.  Please assign the user a valid role.\"]",
                e.body().path("unauthorized_access").toString());
    }
}
