package dev.caravan.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What a repeat of a submit is compared by: the SHA-256 of the request as JSON with its fields in name
 * order, without the idempotency_key itself. The request is streamed into the digest, never written
 * whole a second time (a csv_data_load carries its whole CSV).
 */
public final class RequestFingerprint {
    private static final ObjectMapper SORTED = HarperJson.MAPPER.copy()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

    private RequestFingerprint() {
    }

    public static String of(ObjectNode request) {
        ObjectNode compared = request.deepCopy();
        compared.remove(IdempotencyKey.FIELD);
        MessageDigest digest = DigestUtils.getSha256Digest();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            SORTED.writeValue(out, compared);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Hex.encodeHexString(digest.digest());
    }
}
