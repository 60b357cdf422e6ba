package dev.caravan.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Store;
import dev.caravan.store.TxClock;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users and roles, kept in the store (CARAVAN.USERS, CARAVAN.ROLES) and cached in memory. Passwords are
 * stored only as PasswordHasher hashes and never leave this package. Writes are synchronized so that
 * each check-and-change below is atomic; readers see the cache.
 */
public class UserStore {
    public static final String SUPER_USER_ROLE = "super_user";
    /** Harper installs this role next to super_user (docs/harper-observed.md §6, initial list_roles). */
    public static final String CLUSTER_USER_ROLE = "cluster_user";

    private final Store store;
    private final TxClock clock;
    private final Map<String, User.Role> rolesById = new ConcurrentHashMap<>();
    private final Map<String, StoredUser> users = new ConcurrentHashMap<>();

    /** A user row: the password hash never leaves this package. */
    record StoredUser(String username, String passwordHash, String roleId, boolean active,
                      double createdTime, double updatedTime) {
        @Override
        public String toString() {
            return "StoredUser[" + username + "]";
        }
    }

    public UserStore(Store store, TxClock clock) {
        this.store = store;
        this.clock = clock;
        createTables();
        load();
    }

    private void createTables() {
        String text = store.dialect().textType();
        String time = store.dialect().doubleType();
        store.createTablesIfMissing("CARAVAN", "USERS",
                "CREATE TABLE CARAVAN.ROLES (ID VARCHAR(1024) NOT NULL PRIMARY KEY, ROLE VARCHAR(1024) NOT NULL UNIQUE,"
                        + " PERMISSION " + text + " NOT NULL, CREATED_TIME " + time + " NOT NULL, UPDATED_TIME " + time
                        + " NOT NULL)",
                "CREATE TABLE CARAVAN.USERS (USERNAME VARCHAR(1024) NOT NULL PRIMARY KEY,"
                        + " PASSWORD_HASH VARCHAR(512) NOT NULL, ROLE_ID VARCHAR(1024) NOT NULL, ACTIVE BOOLEAN NOT NULL,"
                        + " CREATED_TIME " + time + " NOT NULL, UPDATED_TIME " + time + " NOT NULL)");
    }

    private void load() {
        store.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT ID, ROLE, PERMISSION, CREATED_TIME, UPDATED_TIME FROM CARAVAN.ROLES")) {
                    while (rs.next()) {
                        ObjectNode permission = (ObjectNode) HarperJson.parse(rs.getString(3));
                        rolesById.put(rs.getString(1), new User.Role(rs.getString(1), rs.getString(2), permission,
                                rs.getDouble(4), rs.getDouble(5)));
                    }
                }
                try (ResultSet rs = s.executeQuery(
                        "SELECT USERNAME, PASSWORD_HASH, ROLE_ID, ACTIVE, CREATED_TIME, UPDATED_TIME FROM CARAVAN.USERS")) {
                    while (rs.next()) {
                        users.put(rs.getString(1), new StoredUser(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4), rs.getDouble(5), rs.getDouble(6)));
                    }
                }
            }
            return null;
        });
    }

    public boolean hasUsers() {
        return !users.isEmpty();
    }

    /** The first super user, as Harper creates HDB_ADMIN on install. Does nothing once any user exists. */
    public synchronized void bootstrapAdmin(String username, String password) {
        if (hasUsers()) {
            return;
        }
        User.Role role = builtInRole(SUPER_USER_ROLE);
        builtInRole(CLUSTER_USER_ROLE);
        addUser(username, password, role.id(), true);
    }

    /** A built-in role: id and name are its type, its permission {"<type>": true}. */
    private User.Role builtInRole(String type) {
        return roleById(type).orElseGet(() -> {
            ObjectNode permission = HarperJson.object();
            permission.put(type, true);
            return saveRole(type, type, permission);
        });
    }

    /** All roles in id order, as Harper's list_roles answers. */
    public List<User.Role> roles() {
        List<User.Role> all = new ArrayList<>(rolesById.values());
        all.sort(Comparator.comparing(User.Role::id));
        return all;
    }

    public Optional<User.Role> roleById(String id) {
        return Optional.ofNullable(rolesById.get(id));
    }

    public Optional<User.Role> roleByName(String name) {
        return rolesById.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Saves a new role; empty when its id or name is taken. */
    public synchronized Optional<User.Role> addRole(String id, String name, ObjectNode permission) {
        if (rolesById.containsKey(id) || roleByName(name).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(saveRole(id, name, permission));
    }

    private User.Role saveRole(String id, String name, ObjectNode permission) {
        double now = clock.next();
        store.update("INSERT INTO CARAVAN.ROLES"
                + " (ID, ROLE, PERMISSION, CREATED_TIME, UPDATED_TIME) VALUES (?, ?, ?, ?, ?)",
                id, name, HarperJson.write(permission), now, now);
        User.Role role = new User.Role(id, name, permission, now, now);
        rolesById.put(id, role);
        return role;
    }

    /** Renames and re-permits a role; empty when no role has the id. Users see the change on their next request. */
    public synchronized Optional<User.Role> updateRole(String id, String name, ObjectNode permission) {
        User.Role role = rolesById.get(id);
        if (role == null) {
            return Optional.empty();
        }
        double now = clock.next();
        store.update("UPDATE CARAVAN.ROLES SET ROLE = ?, PERMISSION = ?, UPDATED_TIME = ? WHERE ID = ?",
                name, HarperJson.write(permission), now, role.id());
        User.Role updated = new User.Role(role.id(), name, permission, role.createdTime(), now);
        rolesById.put(role.id(), updated);
        return Optional.of(updated);
    }

    /** Deletes a role unless an active user holds it (Harper lets inactive users keep a dropped role). */
    public synchronized RoleDrop dropRole(String id) {
        if (!rolesById.containsKey(id)) {
            return RoleDrop.NOT_FOUND;
        }
        if (users.values().stream().anyMatch(u -> u.active() && u.roleId().equals(id))) {
            return RoleDrop.IN_USE;
        }
        store.update("DELETE FROM CARAVAN.ROLES WHERE ID = ?",
                id);
        rolesById.remove(id);
        return RoleDrop.DROPPED;
    }

    public enum RoleDrop { DROPPED, NOT_FOUND, IN_USE }

    /** Adds a user; false when the username is taken. */
    public synchronized boolean addUser(String username, String password, String roleId, boolean active) {
        if (users.containsKey(username)) {
            return false;
        }
        double now = clock.next();
        String hash = PasswordHasher.hash(password);
        store.update("INSERT INTO CARAVAN.USERS"
                + " (USERNAME, PASSWORD_HASH, ROLE_ID, ACTIVE, CREATED_TIME, UPDATED_TIME) VALUES (?, ?, ?, ?, ?, ?)",
                username, hash, roleId, active, now, now);
        users.put(username, new StoredUser(username, hash, roleId, active, now, now));
        return true;
    }

    /**
     * Changes what is given (null = keep); false when there is no such user. A new password gives a new
     * stored hash, which is what the Authenticator's cache is keyed on, so the old password stops working.
     */
    public synchronized boolean alterUser(String username, String password, String roleId, Boolean active) {
        StoredUser old = users.get(username);
        if (old == null) {
            return false;
        }
        String hash = password == null ? old.passwordHash() : PasswordHasher.hash(password);
        String role = roleId == null ? old.roleId() : roleId;
        boolean isActive = active == null ? old.active() : active;
        double now = clock.next();
        store.update("UPDATE CARAVAN.USERS"
                + " SET PASSWORD_HASH = ?, ROLE_ID = ?, ACTIVE = ?, UPDATED_TIME = ? WHERE USERNAME = ?",
                hash, role, isActive, now, username);
        users.put(username, new StoredUser(username, hash, role, isActive, old.createdTime(), now));
        return true;
    }

    /** Deletes a user; false when there is no such user. */
    public synchronized boolean dropUser(String username) {
        if (!users.containsKey(username)) {
            return false;
        }
        store.update("DELETE FROM CARAVAN.USERS WHERE USERNAME = ?",
                username);
        users.remove(username);
        return true;
    }

    public boolean hasUser(String username) {
        return users.containsKey(username);
    }

    /** The user as the API shows it (no password), or empty. */
    public Optional<User> user(String username) {
        StoredUser u = users.get(username);
        return u == null ? Optional.empty() : Optional.of(toUser(u));
    }

    /** Every user without its password, in username order (Harper's list_users order). */
    public List<UserAccount> accounts() {
        List<UserAccount> all = new ArrayList<>();
        for (StoredUser u : users.values()) {
            all.add(account(u));
        }
        all.sort(Comparator.comparing(UserAccount::username));
        return all;
    }

    public Optional<UserAccount> account(String username) {
        return Optional.ofNullable(users.get(username)).map(UserStore::account);
    }

    private static UserAccount account(StoredUser u) {
        return new UserAccount(u.username(), u.active(), u.roleId(), u.createdTime(), u.updatedTime());
    }

    Optional<StoredUser> stored(String username) {
        return Optional.ofNullable(users.get(username));
    }

    private User toUser(StoredUser u) {
        return new User(u.username(), u.active(), rolesById.get(u.roleId()));
    }
}
