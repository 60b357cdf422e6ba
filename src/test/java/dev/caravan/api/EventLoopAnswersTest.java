package dev.caravan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Authenticator;
import dev.caravan.auth.UserStore;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.store.Store;
import dev.caravan.store.TxClock;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the event loop answers itself and what it leaves to the API route: only a memory answer, only
 * for a user whose password the route has verified and who is unchanged since.
 */
class EventLoopAnswersTest {
    private static final String POLL = "{\"operation\":\"poll\",\"id\":\"j1\"}";

    @TempDir
    static Path dir;
    private static Store store;
    private static UserStore users;
    private Authenticator authenticator;
    private EventLoopAnswers answers;

    @BeforeAll
    static void open() {
        store = new Store(dir.resolve("data"), 2);
        users = new UserStore(store, new TxClock());
        ObjectNode permission = HarperJson.object().put("super_user", false);
        users.addRole("r1", "reader", permission);
        users.addUser("ann", "secret", "r1", true);
        users.addUser("bob", "secret", "r1", true);
        users.addUser("carl", "secret", "r1", true);
        users.addUser("dora", "secret", "r1", true);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @BeforeEach
    void registry() {
        authenticator = new Authenticator(users);
        OperationRegistry operations = new OperationRegistry();
        operations.register("poll", request -> HarperJson.message("from the route"))
                .register("other", request -> HarperJson.message("from the route"))
                .registerMemoryAnswer("poll", request -> request.text("id").equals("j1")
                        ? Optional.of(HarperJson.message("from memory for " + request.user().username()))
                        : Optional.empty());
        answers = new EventLoopAnswers(authenticator, operations);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<String> answer(String authorization, String body) {
        return answers.answer(authorization, Buffer.buffer(body));
    }

    @Test
    void aVerifiedUserIsAnsweredFromMemory() {
        authenticator.authenticate(basic("ann", "secret")); // the route verified her once
        assertEquals(Optional.of("{\"message\":\"from memory for ann\"}"), answer(basic("ann", "secret"), POLL));
    }

    @Test
    void aUserNotYetVerifiedGoesToTheRoute() {
        assertEquals(Optional.empty(), answer(basic("bob", "secret"), POLL));
    }

    @Test
    void aWrongPasswordGoesToTheRoute() {
        authenticator.authenticate(basic("carl", "secret"));
        assertEquals(Optional.empty(), answer(basic("carl", "wrong"), POLL));
        assertEquals(Optional.empty(), answer(basic("nobody", "secret"), POLL));
        assertEquals(Optional.empty(), answer(null, POLL));
        assertEquals(Optional.empty(), answer("Bearer abc", POLL));
        assertEquals(Optional.empty(), answer("Basic !!!", POLL));
        assertEquals(Optional.empty(), answer(basic("carl", "secret").replace("Basic ", "Basic x"), POLL));
    }

    @Test
    void aChangedOrInactiveUserGoesToTheRoute() {
        authenticator.authenticate(basic("dora", "secret"));
        assertTrue(answer(basic("dora", "secret"), POLL).isPresent());
        users.alterUser("dora", null, null, false);
        assertEquals(Optional.empty(), answer(basic("dora", "secret"), POLL));
        users.alterUser("dora", "new", null, true);
        assertEquals(Optional.empty(), answer(basic("dora", "secret"), POLL), "the old password");
        assertEquals(Optional.empty(), answer(basic("dora", "new"), POLL), "not yet verified by the route");
    }

    @Test
    void whatMemoryCannotAnswerGoesToTheRoute() {
        authenticator.authenticate(basic("ann", "secret"));
        String ann = basic("ann", "secret");
        assertEquals(Optional.empty(), answer(ann, "{\"operation\":\"poll\",\"id\":\"j2\"}"), "not in memory");
        assertEquals(Optional.empty(), answer(ann, "{\"operation\":\"other\"}"), "no memory answer");
        assertEquals(Optional.empty(), answer(ann, "{\"operation\":\"missing\"}"), "unknown operation");
        assertEquals(Optional.empty(), answer(ann, ""), "empty body");
        String large = "{\"operation\":\"poll\",\"id\":\"j1\",\"pad\":\"" + "x".repeat(EventLoopAnswers.MAX_BODY_BYTES) + "\"}";
        assertEquals(Optional.empty(), answer(ann, large), "a body too large to parse twice");
    }

    @Test
    void malformedBodiesAreTheRoutesToRefuse() {
        authenticator.authenticate(basic("ann", "secret"));
        String ann = basic("ann", "secret");
        // handle() sends a refused body on to the route, which answers it with the same 400
        for (String body : new String[] {"{", "[]", "{\"id\":\"j1\"}", "{\"operation\":7,\"id\":\"j1\"}", "null"}) {
            HarperException refused = assertThrows(HarperException.class, () -> answer(ann, body), body);
            assertEquals(400, refused.status(), body);
        }
    }
}
