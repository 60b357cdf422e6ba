package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Column;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.TableMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Harper's attribute-level model for one table (docs/harper-observed.md §8), role by role. */
class AttributePermissionsTest {
    private static final String NOT_AUTHORIZED =
            "This operation is not authorized due to role restrictions and/or invalid database items";
    /** perm_obs.dog: id, name, age, owner_id. */
    private static final TableMeta DOG = table();

    private static TableMeta table() {
        Map<String, Column> columns = new LinkedHashMap<>();
        long n = 0;
        for (String a : List.of("id", "name", "age", "owner_id")) {
            columns.put(a, new Column(a, "C" + n, ColumnKind.TEXT, n++));
        }
        return new TableMeta("t", "perm_obs", "dog", "id", "D1", "T1", 1, columns);
    }

    private static AttributePermissions role(String attributePermissions) {
        String permission = "{'super_user':false,'perm_obs':{'tables':{'dog':{'read':true,'insert':true,'update':true,"
                + "'delete':true,'attribute_permissions':" + attributePermissions + "}}}}";
        ObjectNode p;
        try {
            p = (ObjectNode) HarperJson.parse(permission.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Access(new User("u", true, new User.Role("r", "r", p, 1, 1))).attributes(DOG);
    }

    private static String grant(String attribute, boolean read, boolean insert, boolean update) {
        return "{'attribute_name':'" + attribute + "','read':" + read + ",'insert':" + insert + ",'update':" + update + "}";
    }

    /** perm_r_mix: name all, age nothing, owner_id not listed. */
    private static final AttributePermissions MIX =
            role("[" + grant("name", true, true, true) + "," + grant("age", false, false, false) + "]");
    /** perm_r_ro: name and owner_id all, age read only. */
    private static final AttributePermissions READ_ONLY_AGE = role("[" + grant("name", true, true, true) + ","
            + grant("age", true, false, false) + "," + grant("owner_id", true, true, true) + "]");

    /** e's body written with ' for " and ` for ', to compare with the expected text. */
    private static void assertBody(String expected, HarperException e) {
        assertEquals(expected.replace('\'', '"').replace('`', '\''), HarperJson.write(e.body()));
    }

    @Test
    void emptyAttributePermissionsRestrictNothing() {
        AttributePermissions none = role("[]");
        assertFalse(none.isRestricted());
        assertDoesNotThrow(() -> none.require(List.of("age", "brand_new", "__createdtime__"), TablePermission.INSERT));
    }

    @Test
    void superUsersAreUnrestricted() {
        ObjectNode p = HarperJson.object().put("super_user", true);
        assertFalse(new Access(new User("a", true, new User.Role("s", "s", p, 1, 1))).attributes(DOG).isRestricted());
    }

    @Test
    void starIsTheReadableAttributesWithAnUnlistedKeyLast() {
        assertTrue(MIX.isRestricted());
        assertEquals(List.of("name", "id"), MIX.readable());
        assertEquals(List.of("name", "age", "owner_id", "id"), READ_ONLY_AGE.readable());
    }

    @Test
    void aListedKeyKeepsItsPlaceAndItsOwnRights() {
        AttributePermissions keyReadOnly = role("[" + grant("id", true, false, false) + "," + grant("name", true, true, true) + "]");
        assertEquals(List.of("id", "name"), keyReadOnly.readable());
        HarperException e = assertThrows(HarperException.class, () -> keyReadOnly.require(List.of("id", "name"), TablePermission.INSERT));
        assertBody("{'error':'" + NOT_AUTHORIZED + "','unauthorized_access':[{'schema':'perm_obs','table':'dog',"
                + "'required_table_permissions':[],'required_attribute_permissions':[{'attribute_name':'id',"
                + "'required_permissions':['insert']}]}],'invalid_schema_items':[]}", e);
    }

    @Test
    void anUnlistedKeyHasTheRightsOfTheListedAttributes() {
        assertDoesNotThrow(() -> MIX.require(List.of("id", "name"), TablePermission.INSERT, TablePermission.UPDATE));
        AttributePermissions nothing = role("[" + grant("age", false, false, false) + "]");
        assertEquals(List.of(), nothing.readable());
        HarperException e = assertThrows(HarperException.class, () -> nothing.require(List.of("id"), TablePermission.READ));
        assertBody("{'error':'" + NOT_AUTHORIZED + "','unauthorized_access':[],"
                + "'invalid_schema_items':['Attribute `id` does not exist on `perm_obs.dog`']}", e);
    }

    @Test
    void deniedUnlistedTimestampAndNewAttributesDoNotExistForTheRole() {
        HarperException e = assertThrows(HarperException.class,
                () -> MIX.require(List.of("name", "age", "owner_id", "__createdtime__", "brand_new"), TablePermission.READ));
        assertEquals(403, e.status());
        assertBody("{'error':'" + NOT_AUTHORIZED + "','unauthorized_access':[],'invalid_schema_items':["
                + "'Attribute `age` does not exist on `perm_obs.dog`','Attribute `owner_id` does not exist on `perm_obs.dog`',"
                + "'Attribute `__createdtime__` does not exist on `perm_obs.dog`',"
                + "'Attribute `brand_new` does not exist on `perm_obs.dog`']}", e);
    }

    @Test
    void aVisibleAttributeLackingTheRightIsListedWithTheRightsItNeeds() {
        assertDoesNotThrow(() -> READ_ONLY_AGE.require(List.of("age"), TablePermission.READ));
        HarperException e = assertThrows(HarperException.class,
                () -> READ_ONLY_AGE.require(List.of("id", "age"), TablePermission.INSERT, TablePermission.UPDATE));
        assertBody("{'error':'" + NOT_AUTHORIZED + "','unauthorized_access':[{'schema':'perm_obs','table':'dog',"
                + "'required_table_permissions':[],'required_attribute_permissions':[{'attribute_name':'age',"
                + "'required_permissions':['insert','update']}]}],'invalid_schema_items':[]}", e);
    }

    @Test
    void writingAVisibleTimestampIsHarpersTimestampError() {
        AttributePermissions withTimestamp = role("[" + grant("name", true, true, true) + ","
                + grant("__createdtime__", true, true, true) + "]");
        assertEquals(List.of("__createdtime__", "name", "id"), withTimestamp.readable());
        HarperException e = assertThrows(HarperException.class,
                () -> withTimestamp.require(List.of("name", "__createdtime__"), TablePermission.INSERT));
        assertEquals(403, e.status());
        assertBody("{'error':'Internal timestamp attributes - `__createdtime_` and `__updatedtime__` - cannot be "
                + "inserted to or updated by HDB users.'}", e);
    }

    @Test
    void recordKeysAreCheckedInTheOrderFirstMet() {
        List<ObjectNode> records = List.of(HarperJson.object().put("id", 8).put("name", "a"),
                HarperJson.object().put("id", 9).put("age", 2).put("brand_new", 3));
        HarperException e = assertThrows(HarperException.class, () -> MIX.requireWrite(records, TablePermission.INSERT));
        assertBody("{'error':'" + NOT_AUTHORIZED + "','unauthorized_access':[],'invalid_schema_items':["
                + "'Attribute `age` does not exist on `perm_obs.dog`',"
                + "'Attribute `brand_new` does not exist on `perm_obs.dog`']}", e);
    }

    @Test
    void deleteNeedsOnlyThatTheAttributeIsVisible() {
        assertDoesNotThrow(() -> READ_ONLY_AGE.require(List.of("age"), TablePermission.DELETE));
    }
}
