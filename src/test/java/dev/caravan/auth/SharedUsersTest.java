package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import dev.caravan.store.TxClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Two nodes on one database, as two UserStore and Authenticator pairs on one store: what one changes is in
 * force on the other at its next check (here a zero interval: every read checks), and a change on one
 * node checks what the other committed, whatever it has cached.
 */
class SharedUsersTest extends StoreOnEachEngine {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final TxClock clock = new TxClock();
    private UserStore nodeA;
    private UserStore nodeB;
    private Authenticator loginA;
    private Authenticator loginB;

    @BeforeParameterizedClassInvocation
    void open() {
        nodeA = new UserStore(store, clock, Duration.ZERO);
        nodeB = new UserStore(store, clock, Duration.ZERO);
        loginA = new Authenticator(nodeA);
        loginB = new Authenticator(nodeB);
        nodeA.addRole("reader", "reader", permission("{'dev':{'tables':{'dog':{'read':true,'insert':false,'update':false,"
                + "'delete':false,'attribute_permissions':[]}}}}"));
    }

    private static ObjectNode permission(String json) {
        try {
            return (ObjectNode) HarperJson.parse(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String newName() {
        return "user" + NAMES.incrementAndGet();
    }

    private static void assertRefused(Authenticator login, String username, String password) {
        HarperException e = assertThrows(HarperException.class, () -> login.authenticate(basic(username, password)));
        assertEquals(401, e.status());
    }

    @Test
    void aUserAddedOnOneNodeSignsInOnTheOther() {
        String name = newName();
        assertTrue(nodeA.addUser(name, "pw", "reader", true));

        assertEquals(name, loginB.authenticate(basic(name, "pw")).username());
    }

    @Test
    void aUserDroppedOnOneNodeIsRefusedOnTheOtherThoughItSignedInThere() {
        String name = newName();
        nodeA.addUser(name, "pw", "reader", true);
        loginB.authenticate(basic(name, "pw")); // B now remembers the verified password

        assertTrue(nodeA.dropUser(name));

        assertRefused(loginB, name, "pw");
        assertTrue(loginB.knownUser(basic(name, "pw")).isEmpty(), "the fast path does not answer from the old cache");
    }

    @Test
    void aPasswordChangedOnOneNodeStopsTheOldOneOnTheOther() {
        String name = newName();
        nodeA.addUser(name, "old", "reader", true);
        loginB.authenticate(basic(name, "old"));

        assertTrue(nodeA.alterUser(name, "new", null, null));

        assertRefused(loginB, name, "old");
        assertEquals(name, loginB.authenticate(basic(name, "new")).username());
    }

    @Test
    void aUserDeactivatedOnOneNodeIsRefusedOnTheOther() {
        String name = newName();
        nodeA.addUser(name, "pw", "reader", true);
        loginB.authenticate(basic(name, "pw"));

        nodeA.alterUser(name, null, null, false);

        assertRefused(loginB, name, "pw");
    }

    @Test
    void aRoleAlteredOnOneNodeChangesWhatTheOtherPermits() {
        String name = newName();
        nodeA.addRole("writer-" + name, "writer-" + name, permission("{'dev':{'tables':{}}}"));
        nodeA.addUser(name, "pw", "writer-" + name, true);
        User before = loginB.authenticate(basic(name, "pw"));
        assertFalse(new Access(before).can("dev", "dog", TablePermission.INSERT));

        ObjectNode insert = permission("{'dev':{'tables':{'dog':{'read':true,'insert':true,'update':false,"
                + "'delete':false,'attribute_permissions':[]}}}}");
        nodeB.roleById("writer-" + name).orElseThrow(); // B has the role cached
        nodeA.updateRole("writer-" + name, "writer-" + name, insert);

        User after = loginB.authenticate(basic(name, "pw"));
        assertTrue(new Access(after).can("dev", "dog", TablePermission.INSERT));
    }

    @Test
    void aChangeOnANodeWithAStaleCacheChecksWhatTheOtherCommitted() {
        UserStore stale = new UserStore(store, clock, Duration.ofDays(1));
        stale.hasUsers(); // its one check for a day
        String name = newName();
        nodeA.addUser(name, "pw", "reader", true);

        assertFalse(stale.hasUser(name), "between checks a node answers from its cache: no store read per request");
        assertFalse(stale.addUser(name, "other", "reader", true), "the username is taken on the other node");
        assertEquals(UserStore.RoleDrop.IN_USE, stale.dropRole("reader"), "an active user holds the role");
        assertTrue(stale.hasUser(name), "the change read what is committed");
    }

    @Test
    void theFirstAdminIsMadeOnceWhenTwoNodesStartOnAnEmptyDatabase() {
        nodeA.accounts().forEach(account -> nodeA.dropUser(account.username())); // other tests' users
        UserStore first = new UserStore(store, clock, Duration.ofDays(1));
        UserStore second = new UserStore(store, clock, Duration.ofDays(1));
        assertFalse(first.hasUsers());
        assertFalse(second.hasUsers());

        first.bootstrapAdmin("admin-one", "pw");
        second.bootstrapAdmin("admin-two", "pw"); // its cache still says no users

        assertTrue(nodeB.hasUser("admin-one"));
        assertFalse(nodeB.hasUser("admin-two"), "the second node saw the first one's admin");
    }
}
