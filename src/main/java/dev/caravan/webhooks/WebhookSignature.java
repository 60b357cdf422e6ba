package dev.caravan.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Caravan-Signature header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">} under
 * caravan.jobs.webhook-secret. The timestamp is signed with the exact body, so a receiver that rejects
 * old timestamps rejects replays too (README, Webhooks; docs/decisions/0016-webhooks.md).
 */
public final class WebhookSignature {
    public static final String HEADER = "Caravan-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header's value for the body sent at epochSeconds. */
    public String header(long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + hex(epochSeconds, body);
    }

    String hex(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Never the key: this object may end up in a log line or an exchange dump. */
    @Override
    public String toString() {
        return "WebhookSignature[HMAC-SHA256]";
    }
}
