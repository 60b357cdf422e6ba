package dev.caravan.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.User;
import dev.caravan.auth.UserAccount;
import dev.caravan.core.HarperJson;
import dev.caravan.store.JsNumber;
import java.util.List;

/** Users and roles as Harper shows them (docs/harper-observed.md §6); never a password or its hash. */
final class UserViews {
    /** Harper's system tables, in the order list_users shows them. */
    private static final List<String> SYSTEM_TABLES = List.of("hdb_user", "hdb_role", "hdb_job", "hdb_license",
            "hdb_info", "hdb_nodes", "hdb_certificate", "hdb_analytics_hostname", "hdb_analytics", "hdb_raw_analytics",
            "hdb_temp", "hdb_durable_session", "hdb_session_will", "hdb_certificate_cache", "hdb_crl_cache",
            "hdb_revoked_certificates");

    private UserViews() {
    }

    /** A role record as list_roles and user_info show it. */
    static ObjectNode role(User.Role role) {
        ObjectNode out = HarperJson.object();
        out.set("permission", role.permission().deepCopy());
        out.put("role", role.name());
        out.put("id", role.id());
        times(out, role.createdTime(), role.updatedTime());
        return out;
    }

    /** user_info: the caller, its role record, no timestamps of its own. */
    static ObjectNode userInfo(User user) {
        ObjectNode out = HarperJson.object();
        out.put("active", user.active());
        out.put("username", user.username());
        out.set("role", role(user.role()));
        return out;
    }

    /**
     * A list_users entry. Harper adds a "system" block to the role's permission: read on every system
     * table for super users, nothing for others. A user whose role was dropped has no role key.
     */
    static ObjectNode listedUser(UserAccount account, User.Role role) {
        ObjectNode out = HarperJson.object();
        out.put("username", account.username());
        out.put("active", account.active());
        if (role != null) {
            ObjectNode shown = role(role);
            ObjectNode permission = (ObjectNode) shown.get("permission");
            permission.set("system", systemTables(role.isSuperUser()));
            out.set("role", shown);
        }
        times(out, account.createdTime(), account.updatedTime());
        return out;
    }

    private static ObjectNode systemTables(boolean read) {
        ObjectNode system = HarperJson.object();
        ObjectNode tables = system.putObject("tables");
        for (String table : SYSTEM_TABLES) {
            ObjectNode t = tables.putObject(table);
            t.put("read", read);
            t.put("insert", false);
            t.put("update", false);
            t.put("delete", false);
            t.putArray("attribute_permissions");
        }
        return system;
    }

    /** Harper writes __updatedtime__ before __createdtime__ in these system records. */
    static void times(ObjectNode out, double created, double updated) {
        out.set("__updatedtime__", JsNumber.node(updated));
        out.set("__createdtime__", JsNumber.node(created));
    }
}
