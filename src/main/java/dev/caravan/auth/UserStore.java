package dev.caravan.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.ChangeCounter;
import dev.caravan.store.Store;
import dev.caravan.store.TxClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users and roles, kept in the store (CARAVAN.USERS, CARAVAN.ROLES) and cached in memory. Passwords are
 * stored only as PasswordHasher hashes and never leave this package. Several nodes may share the store
 * (docs/decisions/0012-shared-users.md): every change moves its change counter in its own
 * transaction, and a reader checks that counter at most every {@code checkInterval}, reading users and
 * roles again when it moved; so a change on one node is in force on the others within that interval.
 * Writes are synchronized, and take the counter's row lock before they check anything, so that each
 * check-and-change below is atomic across nodes too.
 */
public class UserStore {
    public static final String SUPER_USER_ROLE = "super_user";
    /** Harper installs this role next to super_user (docs/harper-observed.md §6, initial list_roles). */
    public static final String CLUSTER_USER_ROLE = "cluster_user";

    private final Store store;
    private final TxClock clock;
    private final ChangeCounter version;
    private final long checkIntervalNanos;
    /** When the next request checks the counter (System.nanoTime); one request wins each check. */
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());
    private volatile Cache cache;

    /** Users and roles as of one version of the counter. Changed in place only by this node's writes. */
    private static final class Cache {
        private final Map<String, User.Role> rolesById = new ConcurrentHashMap<>();
        private final Map<String, StoredUser> users = new ConcurrentHashMap<>();
        private volatile long version;
    }

    /** A user row: the password hash never leaves this package. */
    record StoredUser(String username, String passwordHash, String roleId, boolean active,
                      double createdTime, double updatedTime) {
        @Override
        public String toString() {
            return "StoredUser[" + username + "]";
        }
    }

    /** Checks for other nodes' changes at most once a second. */
    public UserStore(Store store, TxClock clock) {
        this(store, clock, Duration.ofSeconds(1));
    }

    /** @param checkInterval how often a reader looks for other nodes' changes at most (zero: at every read) */
    public UserStore(Store store, TxClock clock, Duration checkInterval) {
        this.store = store;
        this.clock = clock;
        this.checkIntervalNanos = checkInterval.toNanos();
        createTables();
        this.version = new ChangeCounter(store, "AUTH_VERSION");
        this.cache = store.inTransaction(this::read);
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

    /**
     * Users and roles as the connection sees them, labelled with the counter read first: a change
     * committed in between makes the label older than the contents, so the next check reads again.
     */
    private Cache read(Connection c) throws Exception {
        Cache read = new Cache();
        read.version = version.read(c);
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT ID, ROLE, PERMISSION, CREATED_TIME, UPDATED_TIME FROM CARAVAN.ROLES")) {
                while (rs.next()) {
                    ObjectNode permission = (ObjectNode) HarperJson.parse(rs.getString(3));
                    read.rolesById.put(rs.getString(1), new User.Role(rs.getString(1), rs.getString(2), permission,
                            rs.getDouble(4), rs.getDouble(5)));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT USERNAME, PASSWORD_HASH, ROLE_ID, ACTIVE, CREATED_TIME, UPDATED_TIME FROM CARAVAN.USERS")) {
                while (rs.next()) {
                    read.users.put(rs.getString(1), new StoredUser(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getBoolean(4), rs.getDouble(5), rs.getDouble(6)));
                }
            }
        }
        return read;
    }

    /**
     * The cache, first read again if a check of the counter is due and finds it moved. One request wins
     * each due check; the others meanwhile see the cache as it is, so a change on another node is in
     * force here within the check interval (and the time one check takes).
     */
    private Cache fresh() {
        long due = nextCheck.get();
        long now = System.nanoTime();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + checkIntervalNanos)) {
            try {
                if (version.read() != cache.version) {
                    reload();
                }
            } catch (RuntimeException e) {
                nextCheck.set(now); // the next request checks again rather than trusting a cache that may be stale
                throw e;
            }
        }
        return cache;
    }

    /** Whether the cache is known to be fresh now: no check is due (for callers that may not wait for the store). */
    boolean checked() {
        return System.nanoTime() - nextCheck.get() < 0;
    }

    private synchronized void reload() {
        cache = store.inTransaction(this::read);
    }

    /**
     * Runs a change of users or roles in one transaction that first moves the counter (taking its lock:
     * changes on every node take turns) and, when another node moved it since this node last read,
     * reads users and roles again, so the change checks what is committed. The change's SQL runs on
     * the connection; its in-memory updates are queued with {@link Store#afterCommit}.
     */
    private <T> T change(Change<T> change) {
        return store.inTransaction(c -> {
            long moved = version.bump(c);
            if (moved != cache.version + 1) {
                Cache current = read(c);
                current.version = moved - 1;
                cache = current;
            }
            Cache changed = cache;
            T result = change.run(c, changed);
            store.afterCommit(c, () -> changed.version = moved);
            return result;
        });
    }

    @FunctionalInterface
    private interface Change<T> {
        T run(Connection c, Cache cache) throws Exception;
    }

    public boolean hasUsers() {
        return !fresh().users.isEmpty();
    }

    /** The first super user, as Harper creates HDB_ADMIN on install. Does nothing once any user exists. */
    public synchronized void bootstrapAdmin(String username, String password) {
        if (hasUsers()) {
            return; // as on every start but the first: no change, so no other node reads users again
        }
        String hash = PasswordHasher.hash(password);
        change((c, now) -> {
            if (!now.users.isEmpty()) {
                return null; // another node may have made it first
            }
            User.Role role = builtInRole(c, now, SUPER_USER_ROLE);
            builtInRole(c, now, CLUSTER_USER_ROLE);
            insertUser(c, now, username, hash, role.id(), true);
            return null;
        });
    }

    /** A built-in role: id and name are its type, its permission {"<type>": true}. */
    private User.Role builtInRole(Connection c, Cache now, String type) throws SQLException {
        User.Role role = now.rolesById.get(type);
        if (role != null) {
            return role;
        }
        ObjectNode permission = HarperJson.object();
        permission.put(type, true);
        return saveRole(c, now, type, type, permission);
    }

    /** All roles in id order, as Harper's list_roles answers. */
    public List<User.Role> roles() {
        List<User.Role> all = new ArrayList<>(fresh().rolesById.values());
        all.sort(Comparator.comparing(User.Role::id));
        return all;
    }

    public Optional<User.Role> roleById(String id) {
        return Optional.ofNullable(fresh().rolesById.get(id));
    }

    public Optional<User.Role> roleByName(String name) {
        return roleByName(fresh(), name);
    }

    private static Optional<User.Role> roleByName(Cache now, String name) {
        return now.rolesById.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Saves a new role; empty when its id or name is taken. */
    public synchronized Optional<User.Role> addRole(String id, String name, ObjectNode permission) {
        return change((c, now) -> {
            if (now.rolesById.containsKey(id) || roleByName(now, name).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(saveRole(c, now, id, name, permission));
        });
    }

    private User.Role saveRole(Connection c, Cache cache, String id, String name, ObjectNode permission)
            throws SQLException {
        double now = clock.next();
        Store.update(c, "INSERT INTO CARAVAN.ROLES"
                + " (ID, ROLE, PERMISSION, CREATED_TIME, UPDATED_TIME) VALUES (?, ?, ?, ?, ?)",
                id, name, HarperJson.write(permission), now, now);
        User.Role role = new User.Role(id, name, permission, now, now);
        store.afterCommit(c, () -> cache.rolesById.put(id, role));
        return role;
    }

    /**
     * Renames and re-permits a role; empty when no role has the id. Users see the change on their next
     * request on this node, and within the check interval on the others.
     */
    public synchronized Optional<User.Role> updateRole(String id, String name, ObjectNode permission) {
        return change((c, cache) -> {
            User.Role role = cache.rolesById.get(id);
            if (role == null) {
                return Optional.empty();
            }
            double now = clock.next();
            Store.update(c, "UPDATE CARAVAN.ROLES SET ROLE = ?, PERMISSION = ?, UPDATED_TIME = ? WHERE ID = ?",
                    name, HarperJson.write(permission), now, role.id());
            User.Role updated = new User.Role(role.id(), name, permission, role.createdTime(), now);
            store.afterCommit(c, () -> cache.rolesById.put(role.id(), updated));
            return Optional.of(updated);
        });
    }

    /** Deletes a role unless an active user holds it (Harper lets inactive users keep a dropped role). */
    public synchronized RoleDrop dropRole(String id) {
        return change((c, cache) -> {
            if (!cache.rolesById.containsKey(id)) {
                return RoleDrop.NOT_FOUND;
            }
            if (cache.users.values().stream().anyMatch(u -> u.active() && u.roleId().equals(id))) {
                return RoleDrop.IN_USE;
            }
            Store.update(c, "DELETE FROM CARAVAN.ROLES WHERE ID = ?", id);
            store.afterCommit(c, () -> cache.rolesById.remove(id));
            return RoleDrop.DROPPED;
        });
    }

    public enum RoleDrop { DROPPED, NOT_FOUND, IN_USE }

    /** Adds a user; false when the username is taken. */
    public synchronized boolean addUser(String username, String password, String roleId, boolean active) {
        String hash = PasswordHasher.hash(password); // slow: not while the counter's lock is held
        return change((c, cache) -> {
            if (cache.users.containsKey(username)) {
                return false;
            }
            insertUser(c, cache, username, hash, roleId, active);
            return true;
        });
    }

    private void insertUser(Connection c, Cache cache, String username, String hash, String roleId, boolean active)
            throws SQLException {
        double now = clock.next();
        Store.update(c, "INSERT INTO CARAVAN.USERS"
                + " (USERNAME, PASSWORD_HASH, ROLE_ID, ACTIVE, CREATED_TIME, UPDATED_TIME) VALUES (?, ?, ?, ?, ?, ?)",
                username, hash, roleId, active, now, now);
        StoredUser user = new StoredUser(username, hash, roleId, active, now, now);
        store.afterCommit(c, () -> cache.users.put(username, user));
    }

    /**
     * Changes what is given (null = keep); false when there is no such user. A new password gives a new
     * stored hash, which is what the Authenticator's cache is keyed on, so the old password stops working.
     */
    public synchronized boolean alterUser(String username, String password, String roleId, Boolean active) {
        String newHash = password == null ? null : PasswordHasher.hash(password); // slow: before the lock
        return change((c, cache) -> {
            StoredUser old = cache.users.get(username);
            if (old == null) {
                return false;
            }
            String hash = newHash == null ? old.passwordHash() : newHash;
            String role = roleId == null ? old.roleId() : roleId;
            boolean isActive = active == null ? old.active() : active;
            double now = clock.next();
            Store.update(c, "UPDATE CARAVAN.USERS"
                    + " SET PASSWORD_HASH = ?, ROLE_ID = ?, ACTIVE = ?, UPDATED_TIME = ? WHERE USERNAME = ?",
                    hash, role, isActive, now, username);
            StoredUser altered = new StoredUser(username, hash, role, isActive, old.createdTime(), now);
            store.afterCommit(c, () -> cache.users.put(username, altered));
            return true;
        });
    }

    /** Deletes a user; false when there is no such user. */
    public synchronized boolean dropUser(String username) {
        return change((c, cache) -> {
            if (!cache.users.containsKey(username)) {
                return false;
            }
            Store.update(c, "DELETE FROM CARAVAN.USERS WHERE USERNAME = ?", username);
            store.afterCommit(c, () -> cache.users.remove(username));
            return true;
        });
    }

    public boolean hasUser(String username) {
        return fresh().users.containsKey(username);
    }

    /** The user as the API shows it (no password), or empty. */
    public Optional<User> user(String username) {
        Cache now = fresh();
        StoredUser u = now.users.get(username);
        return u == null ? Optional.empty() : Optional.of(toUser(now, u));
    }

    /** Every user without its password, in username order (Harper's list_users order). */
    public List<UserAccount> accounts() {
        List<UserAccount> all = new ArrayList<>();
        for (StoredUser u : fresh().users.values()) {
            all.add(account(u));
        }
        all.sort(Comparator.comparing(UserAccount::username));
        return all;
    }

    public Optional<UserAccount> account(String username) {
        return Optional.ofNullable(fresh().users.get(username)).map(UserStore::account);
    }

    private static UserAccount account(StoredUser u) {
        return new UserAccount(u.username(), u.active(), u.roleId(), u.createdTime(), u.updatedTime());
    }

    Optional<StoredUser> stored(String username) {
        return Optional.ofNullable(fresh().users.get(username));
    }

    /**
     * The user with its role as this node last read them, without looking at the store; empty when a
     * check for other nodes' changes is due (the caller then asks {@link #stored}, which checks).
     */
    Optional<StoredUser> storedIfChecked(String username) {
        return checked() ? Optional.ofNullable(cache.users.get(username)) : Optional.empty();
    }

    /** The user as {@link #user} gives it, from the cache as it is (for callers that may not wait). */
    Optional<User> cachedUser(String username) {
        Cache now = cache;
        StoredUser u = now.users.get(username);
        return u == null ? Optional.empty() : Optional.of(toUser(now, u));
    }

    private static User toUser(Cache now, StoredUser u) {
        return new User(u.username(), u.active(), now.rolesById.get(u.roleId()));
    }
}
