package dev.caravan.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the request's user may do, with Harper's 403 bodies (contract §1.4, docs/harper-observed.md §6) when
 * it may not. As in Harper's verifyPerms, a non-super user only "sees" a table its role grants at least
 * one of read/insert/update/delete on, and a database with at least one such table; anything else is
 * reported as not existing, whether it exists or not.
 */
public final class Access {
    static final String NOT_AUTHORIZED =
            "This operation is not authorized due to role restrictions and/or invalid database items";

    private final User user;

    public Access(User user) {
        this.user = user;
    }

    public boolean isSuperUser() {
        return user.isSuperUser();
    }

    /** 403 unless super user; functionName is Harper's internal name shown in the message. */
    public void requireSuperUser(String functionName) {
        if (!isSuperUser()) {
            throw unauthorized("Operation '" + functionName + "' is restricted to 'super_user' roles");
        }
    }

    /** create_database / drop_database: super users, and roles with {@code structure_user: true}. */
    public void requireDatabaseStructure(String functionName) {
        JsonNode structure = permission().path("structure_user");
        if (!(structure.isBoolean() && structure.booleanValue())) {
            requireSuperUser(functionName);
        }
    }

    /**
     * Whether the role may change the tables of a database as a structure user: true for super users and
     * for {@code structure_user: true} or a list naming the database; 403 when the list leaves it out;
     * false when the role is no structure user (the operation's ordinary check applies).
     */
    public boolean structureGranted(String operation, String database) {
        if (isSuperUser()) {
            return true;
        }
        JsonNode structure = permission().path("structure_user");
        if (structure.isBoolean()) {
            return structure.booleanValue();
        }
        if (!structure.isArray()) {
            return false;
        }
        for (JsonNode db : structure) {
            if (db.asText().equals(database)) {
                return true;
            }
        }
        throw unauthorized("User does not have access to perform '" + operation + "' against schema '" + database + "'");
    }

    private JsonNode permission() {
        JsonNode permission = user.role() == null ? null : user.role().permission();
        return permission == null ? MissingNode.getInstance() : permission;
    }

    /** The role's permission block of a table, or null when the role does not grant anything on it. */
    private JsonNode tablePermissions(String database, String table) {
        JsonNode t = permission().path(database).path("tables").path(table);
        return t.isObject() && grantsAny(t) ? t : null;
    }

    private static boolean grantsAny(JsonNode tablePermissions) {
        for (TablePermission p : TablePermission.values()) {
            if (tablePermissions.path(p.key()).asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    public boolean can(String database, String table, TablePermission permission) {
        if (isSuperUser()) {
            return true;
        }
        JsonNode t = tablePermissions(database, table);
        return t != null && t.path(permission.key()).asBoolean(false);
    }

    /** The role's rights on each attribute of a table: unrestricted for super users and roles without attribute_permissions. */
    public AttributePermissions attributes(TableMeta table) {
        if (isSuperUser()) {
            return AttributePermissions.unrestricted();
        }
        JsonNode t = tablePermissions(table.database(), table.name());
        return t == null ? AttributePermissions.unrestricted() : AttributePermissions.of(table, t.get("attribute_permissions"));
    }

    /** Whether the user sees the table (describe_all lists only these for non-super users). */
    public boolean knowsTable(String database, String table) {
        return isSuperUser() || tablePermissions(database, table) != null;
    }

    /** Whether the user sees the database: super users all, others those with a table they see. */
    public boolean knowsDatabase(String database) {
        if (isSuperUser()) {
            return true;
        }
        for (Iterator<String> it = permission().path(database).path("tables").fieldNames(); it.hasNext();) {
            if (tablePermissions(database, it.next()) != null) {
                return true;
            }
        }
        return false;
    }

    /** 403 "database '...' does not exist" unless the user sees the database. */
    public void requireDatabase(String database) {
        if (!knowsDatabase(database)) {
            throw invalidItem("database '" + database + "' does not exist");
        }
    }

    /** 403 unless the user sees the table and holds every given permission on it. */
    public void requireTable(String database, String table, TablePermission... permissions) {
        if (isSuperUser()) {
            return;
        }
        requireDatabase(database);
        if (tablePermissions(database, table) == null) {
            throw invalidItem("Table '" + database + "." + table + "' does not exist");
        }
        List<String> missing = new ArrayList<>();
        for (TablePermission p : permissions) {
            if (!can(database, table, p)) {
                missing.add(p.key());
            }
        }
        if (!missing.isEmpty()) {
            ObjectNode item = HarperJson.object();
            item.put("schema", database);
            item.put("table", table);
            ArrayNode required = item.putArray("required_table_permissions");
            missing.forEach(required::add);
            item.putArray("required_attribute_permissions");
            ArrayNode unauthorized = HarperJson.array();
            unauthorized.add(item);
            throw forbidden(unauthorized, HarperJson.array());
        }
    }

    /** Harper's answer to every request of a user whose role is gone (a role can be dropped under inactive users). */
    public static HarperException withoutRole(String username) {
        return unauthorized("User " + username + " has no role or permissions.  Please assign the user a valid role.");
    }

    private static HarperException unauthorized(String message) {
        ArrayNode unauthorized = HarperJson.array();
        unauthorized.add(message);
        return forbidden(unauthorized, HarperJson.array());
    }

    private static HarperException invalidItem(String message) {
        ArrayNode invalid = HarperJson.array();
        invalid.add(message);
        return forbidden(HarperJson.array(), invalid);
    }

    public static HarperException forbidden(ArrayNode unauthorizedAccess, ArrayNode invalidSchemaItems) {
        ObjectNode body = HarperJson.object();
        body.put("error", NOT_AUTHORIZED);
        body.set("unauthorized_access", unauthorizedAccess);
        body.set("invalid_schema_items", invalidSchemaItems);
        return new HarperException(403, NOT_AUTHORIZED, body);
    }
}
