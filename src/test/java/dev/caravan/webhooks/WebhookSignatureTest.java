package dev.caravan.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Caravan-Signature header: HMAC-SHA256 over "<t>.<body>", as README's receiver snippet checks it. */
class WebhookSignatureTest {
    private static final byte[] BODY = "{\"event\":\"completed\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHeaderCarriesTheTimestampAndTheHmacOfTimestampDotBody() {
        // computed independently: printf '1700000000.{"event":"completed"}' | openssl dgst -sha256 -hmac secret
        assertEquals("t=1700000000,v1=676f90e8af78f8238c3e041e70bfaf5b49dd6cc1159c66134662420b525bdc11",
                new WebhookSignature("secret").header(1_700_000_000L, BODY));
    }

    @Test
    void anotherTimestampSecretOrBodyGivesAnotherSignature() {
        WebhookSignature s = new WebhookSignature("secret");
        String base = s.hex(1_700_000_000L, BODY);
        assertNotEquals(base, s.hex(1_700_000_001L, BODY), "a replay with a new timestamp does not verify");
        assertNotEquals(base, new WebhookSignature("other").hex(1_700_000_000L, BODY));
        assertNotEquals(base, s.hex(1_700_000_000L, "{\"event\":\"failed\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void itsTextNeverShowsTheKey() {
        assertFalse(new WebhookSignature("hunter2-secret").toString().contains("hunter2"));
    }
}
