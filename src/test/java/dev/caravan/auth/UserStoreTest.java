package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import dev.caravan.store.TxClock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Users and roles are kept in the store of each engine: what one UserStore saves, the next one opened on it reads. */
class UserStoreTest extends StoreOnEachEngine {
    private final TxClock clock = new TxClock();
    private UserStore users;

    @BeforeParameterizedClassInvocation
    void open() {
        users = new UserStore(store, clock);
    }

    /** A second UserStore on the same database, as after a restart. */
    private UserStore reopened() {
        return new UserStore(store, clock);
    }

    private static ObjectNode permission(String json) {
        try {
            return (ObjectNode) HarperJson.parse(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void aRoleAndItsUserAreReadBackWithTheirPermissionAndPassword() {
        ObjectNode permission = permission("{'dev':{'tables':{'dog':{'read':true,'insert':false,"
                + "'attribute_permissions':[{'attribute_name':'n\u00e4me','read':true}]}}}}");
        users.addRole("r-read", "reader", permission);
        assertTrue(users.addUser("alice", "s3cr\u00e9t", "r-read", true));

        UserStore after = reopened();

        User alice = after.user("alice").orElseThrow();
        assertTrue(alice.active());
        assertEquals("reader", alice.role().name());
        assertEquals(permission, alice.role().permission());
        assertTrue(PasswordHasher.verify("s3cr\u00e9t", after.stored("alice").orElseThrow().passwordHash()));
    }

    @Test
    void anAlteredUserKeepsItsNewPasswordRoleAndActivity() {
        users.addRole("r-one", "one", permission("{'dev':{'tables':{}}}"));
        users.addRole("r-two", "two", permission("{'dev':{'tables':{}}}"));
        users.addUser("bob", "old", "r-one", true);
        double created = users.account("bob").orElseThrow().createdTime();

        assertTrue(users.alterUser("bob", "new", "r-two", false));
        UserStore after = reopened();

        UserAccount bob = after.account("bob").orElseThrow();
        assertEquals("r-two", bob.roleId());
        assertFalse(bob.active());
        assertEquals(created, bob.createdTime());
        assertTrue(bob.updatedTime() > created);
        String hash = after.stored("bob").orElseThrow().passwordHash();
        assertTrue(PasswordHasher.verify("new", hash));
        assertFalse(PasswordHasher.verify("old", hash));
    }

    @Test
    void droppedUsersAndRolesAreGoneAfterAReopen() {
        users.addRole("r-gone", "gone", permission("{'dev':{'tables':{}}}"));
        users.addUser("carol", "pw", "r-gone", true);
        assertEquals(UserStore.RoleDrop.IN_USE, users.dropRole("r-gone"));

        assertTrue(users.dropUser("carol"));
        assertEquals(UserStore.RoleDrop.DROPPED, users.dropRole("r-gone"));
        UserStore after = reopened();

        assertFalse(after.hasUser("carol"));
        assertTrue(after.roleById("r-gone").isEmpty());
    }

    @Test
    void theFirstAdminComesWithTheBuiltInRolesOnce() {
        UserStore fresh = reopened();
        fresh.accounts().forEach(account -> fresh.dropUser(account.username())); // other tests' users
        fresh.bootstrapAdmin("admin", "pw");
        fresh.bootstrapAdmin("admin2", "pw");
        UserStore after = reopened();

        assertTrue(after.user("admin").orElseThrow().isSuperUser());
        assertFalse(after.hasUser("admin2"), "a second bootstrap does nothing once users exist");
        List<String> builtIn = after.roles().stream().map(User.Role::id)
                .filter(id -> id.equals(UserStore.SUPER_USER_ROLE) || id.equals(UserStore.CLUSTER_USER_ROLE)).toList();
        assertEquals(List.of(UserStore.CLUSTER_USER_ROLE, UserStore.SUPER_USER_ROLE), builtIn);
    }
}
