package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.HarperNames;
import dev.caravan.store.Catalog;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * add_role / alter_role checks as Harper 4.7.29 makes them (its role validation "customValidate"): every
 * problem is collected, problems of one table under schema_permissions["<db>_<table>"], the rest under
 * main_permissions, and answered together as one 400 (docs/harper-observed.md §6).
 */
final class RoleValidator {
    static final String ROLE_PERMS_ERROR = "Errors in the role permissions JSON provided";
    private static final Set<String> BODY_KEYS = Set.of("operation", "role", "id", "permission", "hdb_user", "access");
    private static final Set<String> ROLE_TYPES = Set.of("super_user", "cluster_user");
    private static final String STRUCTURE_USER = "structure_user";
    private static final String ATTRIBUTE_PERMISSIONS = "attribute_permissions";
    private static final List<String> ATTRIBUTE_CRUD = List.of("read", "insert", "update");

    private final Catalog catalog;

    RoleValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    void checkAdd(ObjectNode body) {
        new Check(body).run(new FieldErrors(body).present("role").name("role").maxLength("role", HarperNames.MAX_ACCOUNT_NAME_LENGTH)
                .name("id").maxLength("id", HarperNames.MAX_ACCOUNT_NAME_LENGTH).present("permission"));
    }

    void checkAlter(ObjectNode body) {
        new Check(body).run(new FieldErrors(body).name("role").maxLength("role", HarperNames.MAX_ACCOUNT_NAME_LENGTH)
                .present("id").name("id").maxLength("id", HarperNames.MAX_ACCOUNT_NAME_LENGTH).present("permission"));
    }

    /** One validation run: its collected messages. */
    private final class Check {
        private final ObjectNode body;
        private final List<String> main = new ArrayList<>();
        private final Map<String, List<String>> perTable = new LinkedHashMap<>();

        Check(ObjectNode body) {
            this.body = body;
        }

        void run(FieldErrors fields) {
            checkBodyKeys();
            main.addAll(fields.messages());
            JsonNode permission = body.get("permission");
            if (permission instanceof ObjectNode p) {
                checkRoleTypes(p);
                p.fieldNames().forEachRemaining(key -> checkEntry(key, p.get(key)));
            } else if (permission != null && !permission.isNull()) {
                // Harper walks a non-object permission character by character; an object is what it means.
                main.add("Permission must be an object");
            }
            if (!main.isEmpty() || !perTable.isEmpty()) {
                throw new HarperException(400, ROLE_PERMS_ERROR, answer());
            }
        }

        private void checkBodyKeys() {
            List<String> unknown = new ArrayList<>();
            body.fieldNames().forEachRemaining(k -> {
                if (!BODY_KEYS.contains(k)) {
                    unknown.add(k);
                }
            });
            if (!unknown.isEmpty()) {
                main.add("Invalid " + (unknown.size() > 1 ? "keys" : "key") + " in JSON body - '"
                        + String.join("', '", unknown) + "'");
            }
        }

        /** super_user / cluster_user: booleans, alone in their role, not both. */
        private void checkRoleTypes(ObjectNode permission) {
            boolean superUser = isTrue(permission.get("super_user"));
            boolean clusterUser = isTrue(permission.get("cluster_user"));
            if (permission.size() > 1 && (superUser || clusterUser)) {
                main.add(superUser && clusterUser
                        ? "Roles cannot have both 'super_user' and 'cluster_user' values included in their permissions set."
                        : "Roles with '" + (superUser ? "super_user" : "cluster_user")
                                + "' set to true cannot have other permissions set.");
            }
            for (String type : List.of("super_user", "cluster_user")) {
                JsonNode value = permission.get(type);
                if (truthy(value) && !value.isBoolean()) {
                    main.add("Value for '" + type + "' permission must be a boolean");
                }
            }
        }

        private void checkEntry(String key, JsonNode value) {
            if (ROLE_TYPES.contains(key)) {
                return;
            }
            if (key.equals(STRUCTURE_USER)) {
                checkStructureUser(value);
                return;
            }
            if (key.isEmpty() || !catalog.hasDatabase(key)) {
                main.add(databaseMissing(key));
                return;
            }
            JsonNode tables = value.path("tables");
            if (tables instanceof ObjectNode t) {
                t.fieldNames().forEachRemaining(table -> checkTable(key, table, t.get(table)));
            }
        }

        private void checkStructureUser(JsonNode value) {
            if (value.isBoolean()) {
                return;
            }
            if (value.isArray()) {
                for (JsonNode db : value) {
                    if (!catalog.hasDatabase(db.asText())) {
                        main.add(databaseMissing(db.asText()));
                    }
                }
                return;
            }
            main.add("Value for '" + STRUCTURE_USER + "' permission must be a boolean or Array");
        }

        private void checkTable(String database, String name, JsonNode permissions) {
            Optional<TableMeta> table = name.isEmpty() ? Optional.empty() : catalog.table(database, name);
            if (table.isEmpty()) {
                main.add("Table '" + database + "." + name + "' does not exist");
                return;
            }
            String where = database + "_" + name;
            permissions.fieldNames().forEachRemaining(k -> {
                if (!k.equals(ATTRIBUTE_PERMISSIONS) && !isCrud(k)) {
                    tableError(where, "Invalid table permission key value '" + k + "'");
                }
            });
            for (TablePermission p : TablePermission.values()) {
                JsonNode v = permissions.get(p.key());
                if (v == null || v.isNull()) {
                    tableError(where, "Missing table " + upper(p.key()) + " permission");
                } else if (!v.isBoolean()) {
                    tableError(where, "Table " + upper(p.key()) + " permission must be a boolean");
                }
            }
            JsonNode attributes = permissions.get(ATTRIBUTE_PERMISSIONS);
            if (attributes == null) {
                tableError(where, "Missing 'attribute_permissions' array");
            } else if (attributes.isArray()) {
                checkAttributes(table.get(), permissions, (ArrayNode) attributes, where);
            } else if (!attributes.isNull()) {
                tableError(where, "Value for 'attribute_permissions' must be an array");
            }
        }

        private void checkAttributes(TableMeta table, JsonNode tablePermissions, ArrayNode attributes, String where) {
            List<String> names = table.allAttributeNames();
            Set<String> granted = new HashSet<>();
            for (JsonNode permission : attributes) {
                permission.fieldNames().forEachRemaining(k -> {
                    if (!k.equals("attribute_name") && !isCrud(k)) {
                        tableError(where, "Invalid attribute permission key value '" + k + "'");
                    }
                });
                JsonNode attribute = permission.get("attribute_name");
                if (attribute == null || attribute.isNull()) {
                    tableError(where, "Permission object in 'attribute_permission' missing an 'attribute_name'");
                    continue;
                }
                String name = attribute.asText();
                if (!names.contains(name)) {
                    tableError(where, "Invalid attribute '" + name + "' in 'attribute_permissions'");
                    continue;
                }
                for (String crud : ATTRIBUTE_CRUD) {
                    JsonNode v = permission.get(crud);
                    if (v == null || v.isNull()) {
                        tableError(where, upper(crud) + " attribute permission missing for '" + name + "'");
                    } else if (!v.isBoolean()) {
                        tableError(where, upper(crud) + " attribute permission for '" + name + "' must be a boolean");
                    } else if (v.booleanValue()) {
                        granted.add(crud);
                    }
                }
            }
            for (String crud : ATTRIBUTE_CRUD) {
                JsonNode tableGrant = tablePermissions.get(crud);
                if (tableGrant != null && tableGrant.isBoolean() && !tableGrant.booleanValue() && granted.contains(crud)) {
                    tableError(where, "You have a conflict with TABLE permissions for '" + table.qualifiedName()
                            + "' being false and ATTRIBUTE permissions being true");
                    return;
                }
            }
        }

        private void tableError(String where, String message) {
            perTable.computeIfAbsent(where, k -> new ArrayList<>()).add(message);
        }

        private ObjectNode answer() {
            ObjectNode out = HarperJson.object();
            out.put("error", ROLE_PERMS_ERROR);
            ArrayNode mainNode = out.putArray("main_permissions");
            main.forEach(mainNode::add);
            ObjectNode tablesNode = out.putObject("schema_permissions");
            perTable.forEach((k, messages) -> {
                ArrayNode list = tablesNode.putArray(k);
                messages.forEach(list::add);
            });
            return out;
        }
    }

    private static String databaseMissing(String database) {
        return "database '" + database + "' does not exist";
    }

    private static boolean isCrud(String key) {
        for (TablePermission p : TablePermission.values()) {
            if (p.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /** JavaScript truthiness of a JSON value. */
    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return true;
    }
}
