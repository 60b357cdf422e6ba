package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {
    private static final User ANN = new User("ann", true, null);

    private static OperationRequest request(ObjectNode body) {
        return new OperationRequest(body, ANN, new Access(ANN));
    }

    @Test
    void anAbsentOrNullKeyIsNone() {
        assertEquals(Optional.empty(), IdempotencyKey.of(request(HarperJson.object())));
        assertEquals(Optional.empty(), IdempotencyKey.of(request(HarperJson.object().putNull("idempotency_key"))));
    }

    @Test
    void aKeyBelongsToItsUser() {
        assertEquals(Optional.of(new IdempotencyKey("ann", "nightly-2026-12-01")),
                IdempotencyKey.of(request(HarperJson.object().put("idempotency_key", "nightly-2026-12-01"))));
    }

    @Test
    void upTo256CharactersCountingCodePoints() {
        String emoji = "\uD83D\uDE00".repeat(256); // 512 UTF-16 units, 256 characters
        assertTrue(IdempotencyKey.of(request(HarperJson.object().put("idempotency_key", emoji))).isPresent());
        assertBad(HarperJson.object().put("idempotency_key", "k".repeat(257)));
    }

    @Test
    void anythingButANonEmptyTextIs400() {
        assertBad(HarperJson.object().put("idempotency_key", ""));
        assertBad(HarperJson.object().put("idempotency_key", 7));
        assertBad(HarperJson.object().put("idempotency_key", true));
        ObjectNode object = HarperJson.object();
        object.putObject("idempotency_key");
        assertBad(object);
    }

    private static void assertBad(ObjectNode body) {
        HarperException e = assertThrows(HarperException.class, () -> IdempotencyKey.of(request(body)));
        assertEquals(400, e.status());
        assertEquals("'idempotency_key' must be a non-empty string of at most 256 characters", e.getMessage());
    }
}
