package dev.caravan.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which bodies take the asynchronous way through the route: those that name a wait_ms field. */
class WaitingRequestsTest {
    private static final byte[] FIELD = "\"wait_ms\"".getBytes(StandardCharsets.US_ASCII);

    private static boolean mentions(String body) {
        return WaitingRequests.mentions(Buffer.buffer(body), FIELD);
    }

    @Test
    void aBodyWithTheFieldAnywhereIsFound() {
        assertTrue(mentions("{\"wait_ms\":5}"));
        assertTrue(mentions("{\"operation\":\"get_job\",\"id\":\"x\",\"wait_ms\":5}"));
        assertTrue(mentions("{\"data\":\"id\\n1\\n\", \"wait_ms\" : 0}"));
    }

    @Test
    void bodiesWithoutItGoOnAsBefore() {
        assertFalse(mentions(""));
        assertFalse(mentions("{\"operation\":\"get_job\",\"id\":\"x\"}"));
        assertFalse(mentions("{\"wait_m\":5}"));
        assertFalse(mentions("\"wait_ms"));
    }

    @Test
    void aBodyTooLargeToSearchOnTheEventLoopGoesTheUsualWay() {
        String small = "{\"wait_ms\":5,\"data\":\"";
        String fits = small + "x".repeat(WaitingRequests.MAX_SEARCHED_BYTES - small.length() - 2) + "\"}";
        assertTrue(WaitingRequests.mayWait(Buffer.buffer(fits)));
        assertFalse(WaitingRequests.mayWait(Buffer.buffer(fits + " ")), "one byte more: not searched");
        assertFalse(WaitingRequests.mayWait(null));
    }
}
