package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.User;
import dev.caravan.auth.UserAccount;
import dev.caravan.auth.UserStore;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.HarperNames;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.Catalog;

/**
 * add_user, alter_user, drop_user, list_users (super users only) and user_info (anyone), with
 * Harper's bodies and statuses (docs/harper-observed.md §6). Users name their role by the role's name;
 * the store keeps its id. Changes apply from the user's next request: every request reads the store.
 */
public class UserOperations {
    private static final String SYSTEM_NAME = "You cannot create tables within the system schema";

    private final UserStore users;
    private final RoleOperations roles;

    public UserOperations(UserStore users, Catalog catalog) {
        this.users = users;
        this.roles = new RoleOperations(users, catalog);
    }

    public void register(OperationRegistry registry) {
        registry.register("add_user", this::addUser)
                .register("alter_user", this::alterUser)
                .register("drop_user", this::dropUser)
                .register("list_users", this::listUsers)
                .register("user_info", this::userInfo);
        roles.register(registry);
    }

    private JsonNode addUser(OperationRequest request) {
        request.access().requireSuperUser("addUser");
        FieldErrors fields = new FieldErrors(request.body())
                .present("username").excluding("username", "system", SYSTEM_NAME)
                .maxLength("username", HarperNames.MAX_ACCOUNT_NAME_LENGTH)
                .present("password")
                .present("role").name("role")
                .present("active").bool("active");
        if (!fields.isEmpty()) {
            throw HarperException.badRequest(fields.joined());
        }
        String username = request.text("username");
        HarperNames.requireAccountName("User", username);
        String roleName = request.text("role");
        User.Role role = users.roleByName(roleName)
                .orElseThrow(() -> HarperException.notFound(roleName + " role not found"));
        if (!users.addUser(username, request.text("password"), role.id(), request.field("active").booleanValue())) {
            throw new HarperException(409, "User " + username + " already exists");
        }
        return HarperJson.message(username + " successfully added");
    }

    /** Harper's alter_user throws plain Errors for bad input, hence the 500s. */
    private JsonNode alterUser(OperationRequest request) {
        request.access().requireSuperUser("alterUser");
        String username = request.text("username");
        if (isEmpty(username)) {
            throw HarperException.serverError("username is required");
        }
        String password = request.text("password");
        String roleName = request.text("role");
        JsonNode active = request.field("active");
        if (isEmpty(password) && isEmpty(roleName) && active == null) {
            throw HarperException.serverError("nothing to update, must supply active, role or password to update");
        }
        if (password != null && password.trim().isEmpty()) {
            throw HarperException.serverError("password cannot be an empty string");
        }
        if (active != null && !active.isBoolean()) {
            throw HarperException.serverError("active must be true or false");
        }
        if ("".equals(roleName)) {
            throw HarperException.serverError("If role is specified, it cannot be empty.");
        }
        String roleId = roleName == null ? null : users.roleByName(roleName).map(User.Role::id).orElseThrow(
                () -> HarperException.notFound("Update failed.  Requested '" + roleName + "' role not found."));
        boolean updated = users.alterUser(username, password, roleId, active == null ? null : active.booleanValue());
        return updateAnswer(username, updated);
    }

    /** alter_user answers like a record update, with Harper's constant txn_time 0. */
    private static ObjectNode updateAnswer(String username, boolean updated) {
        ObjectNode out = HarperJson.object();
        out.put("message", "updated " + (updated ? 1 : 0) + " of 1 records");
        out.put("txn_time", 0);
        ArrayNode updateHashes = out.putArray("update_hashes");
        ArrayNode skippedHashes = out.putArray("skipped_hashes");
        (updated ? updateHashes : skippedHashes).add(username);
        return out;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private JsonNode dropUser(OperationRequest request) {
        request.access().requireSuperUser("dropUser");
        FieldErrors fields = new FieldErrors(request.body())
                .present("username").excluding("username", "system", SYSTEM_NAME)
                .name("role").bool("active");
        if (!fields.isEmpty()) {
            throw HarperException.badRequest(fields.joined());
        }
        String username = request.text("username");
        if (!users.dropUser(username)) {
            throw HarperException.notFound("User " + username + " does not exist");
        }
        return HarperJson.message(username + " successfully deleted");
    }

    private JsonNode listUsers(OperationRequest request) {
        request.access().requireSuperUser("listUsersExternal");
        ArrayNode out = HarperJson.array();
        for (UserAccount account : users.accounts()) {
            out.add(UserViews.listedUser(account, users.roleById(account.roleId()).orElse(null)));
        }
        return out;
    }

    private JsonNode userInfo(OperationRequest request) {
        return UserViews.userInfo(request.user());
    }
}
