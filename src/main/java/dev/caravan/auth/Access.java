package dev.caravan.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.api.ApiException;
import dev.caravan.api.HarperJson;
import java.util.ArrayList;
import java.util.List;

/** What the request's user may do, with Harper's 403 bodies (spec §1.4) when it may not. */
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
            ArrayNode unauthorized = HarperJson.array();
            unauthorized.add("Operation '" + functionName + "' is restricted to 'super_user' roles");
            throw forbidden(unauthorized, HarperJson.array());
        }
    }

    /** The role's permission block of a table, or null when the role does not know the table. */
    private JsonNode tablePermissions(String database, String table) {
        JsonNode permission = user.role() == null ? null : user.role().permission();
        if (permission == null) {
            return null;
        }
        JsonNode t = permission.path(database).path("tables").path(table);
        return t.isObject() ? t : null;
    }

    public boolean can(String database, String table, TablePermission permission) {
        if (isSuperUser()) {
            return true;
        }
        JsonNode t = tablePermissions(database, table);
        return t != null && t.path(permission.key()).asBoolean(false);
    }

    /** Whether the role names the table at all (non-super users see only such tables). */
    public boolean knowsTable(String database, String table) {
        return isSuperUser() || tablePermissions(database, table) != null;
    }

    /** 403 unless the user holds every permission on the table. */
    public void requireTable(String database, String table, TablePermission... permissions) {
        if (isSuperUser()) {
            return;
        }
        if (tablePermissions(database, table) == null) {
            ArrayNode invalid = HarperJson.array();
            invalid.add("Table '" + database + "." + table + "' does not exist");
            throw forbidden(HarperJson.array(), invalid);
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

    public static ApiException forbidden(ArrayNode unauthorizedAccess, ArrayNode invalidSchemaItems) {
        ObjectNode body = HarperJson.object();
        body.put("error", NOT_AUTHORIZED);
        body.set("unauthorized_access", unauthorizedAccess);
        body.set("invalid_schema_items", invalidSchemaItems);
        return new ApiException(403, NOT_AUTHORIZED, body);
    }
}
