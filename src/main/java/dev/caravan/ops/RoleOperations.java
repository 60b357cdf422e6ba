package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.User;
import dev.caravan.auth.UserStore;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.Catalog;

/**
 * add_role, alter_role, drop_role, list_roles: super users only, 403 naming Harper's function
 * (docs/harper-observed.md §6). A role's id is the id given, else its name, as in Harper 4.7.29.
 */
public class RoleOperations {
    private final UserStore users;
    private final RoleValidator validator;

    public RoleOperations(UserStore users, Catalog catalog) {
        this.users = users;
        this.validator = new RoleValidator(catalog);
    }

    public void register(OperationRegistry registry) {
        registry.register("add_role", this::addRole)
                .register("alter_role", this::alterRole)
                .register("drop_role", this::dropRole)
                .register("list_roles", this::listRoles);
    }

    private JsonNode addRole(OperationRequest request) {
        request.access().requireSuperUser("addRole");
        validator.checkAdd(request.body());
        String name = request.text("role");
        String id = request.text("id") != null ? request.text("id") : name;
        ObjectNode permission = (ObjectNode) request.field("permission").deepCopy();
        User.Role role = users.addRole(id, name, permission).orElseThrow(() -> taken(name, id));
        ObjectNode out = HarperJson.object();
        out.put("role", role.name());
        out.set("permission", role.permission().deepCopy());
        out.put("id", role.id());
        UserViews.times(out, role.createdTime(), role.updatedTime());
        return out;
    }

    /** Harper allows a second role of the same name or id; Caravan keeps both unique and answers 409. */
    private HarperException taken(String name, String id) {
        String what = users.roleByName(name).isPresent() ? "name '" + name : "id '" + id;
        return new HarperException(409, "A role with " + what + "' already exists");
    }

    private JsonNode alterRole(OperationRequest request) {
        request.access().requireSuperUser("alterRole");
        validator.checkAlter(request.body());
        String id = request.text("id");
        User.Role current = users.roleById(id).orElseThrow(() -> HarperException.badRequest("Invalid role id"));
        String name = request.text("role") != null ? request.text("role") : current.name();
        users.roleByName(name).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new HarperException(409, "A role with name '" + name + "' already exists");
        });
        ObjectNode permission = (ObjectNode) request.field("permission").deepCopy();
        User.Role role = users.updateRole(id, name, permission)
                .orElseThrow(() -> HarperException.badRequest("Invalid role id"));
        ObjectNode out = HarperJson.object();
        out.put("id", role.id());
        out.put("role", role.name());
        out.set("permission", role.permission().deepCopy());
        UserViews.times(out, role.createdTime(), role.updatedTime());
        return out;
    }

    private JsonNode dropRole(OperationRequest request) {
        request.access().requireSuperUser("dropRole");
        FieldErrors fields = new FieldErrors(request.body()).name("role").present("id").name("id");
        if (!fields.isEmpty()) {
            throw hapiBadRequest(fields.joined());
        }
        String id = request.text("id");
        User.Role role = users.roleById(id).orElseThrow(() -> HarperException.notFound("Role not found"));
        return switch (users.dropRole(id)) {
            case DROPPED -> HarperJson.message(role.name() + " successfully deleted");
            case NOT_FOUND -> throw HarperException.notFound("Role not found");
            case IN_USE -> throw new HarperException(409,
                    "Cannot drop role " + role.name() + " as it has active user(s) tied to this role");
        };
    }

    /** drop_role's validation error is the one answer in Hapi's shape, not {"error": ...}. */
    private static HarperException hapiBadRequest(String message) {
        ObjectNode body = HarperJson.object();
        body.put("statusCode", 400);
        body.put("error", "Bad Request");
        body.put("message", message);
        return new HarperException(400, message, body);
    }

    private JsonNode listRoles(OperationRequest request) {
        request.access().requireSuperUser("listRoles");
        ArrayNode out = HarperJson.array();
        users.roles().forEach(role -> out.add(UserViews.role(role)));
        return out;
    }
}
