package dev.caravan.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.SecretUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The request's {@code s3} object as S3 jobs store it: the keys redacted (compatibility C3), the rest kept.
 * One that names a stored connection holds no key, so it is stored as it came.
 */
public final class S3RequestFields {
    private static final String REDACTED = "[redacted]";

    private S3RequestFields() {
    }

    public static ObjectNode redacted(JsonNode s3) {
        ObjectNode target = HarperJson.object();
        if (namesConnection(s3)) {
            target.put(S3Connections.FIELD, s3.get(S3Connections.FIELD).asText());
        } else {
            target.put(S3Credentials.ACCESS_KEY_ID, REDACTED);
            target.put(S3Credentials.SECRET_ACCESS_KEY, REDACTED);
        }
        for (String field : List.of("bucket", "key", "region", "endpoint")) {
            JsonNode value = s3.get(field);
            if (value != null && !value.isNull()) {
                target.put(field, "endpoint".equals(field) ? SecretUrls.redact(value.textValue()) : value.textValue());
            }
        }
        return target;
    }

    /** A request with its s3 object redacted, as a repeat of it is compared (idempotency_key). */
    public static ObjectNode withRedactedS3(ObjectNode request) {
        JsonNode s3 = request.get("s3");
        if (s3 == null || !s3.isObject()) {
            return request;
        }
        ObjectNode copy = request.deepCopy();
        copy.set("s3", redacted(s3));
        return copy;
    }

    /**
     * Whether the {@code s3} object (of a request or a stored job) names a stored connection: such a job
     * holds no secret, so it can resume after a restart and run on any node that has the connection.
     */
    public static boolean namesConnection(JsonNode s3) {
        return s3 != null && s3.hasNonNull(S3Connections.FIELD);
    }

    /** An optional s3.endpoint must be an absolute http(s) URL. */
    public static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public static S3Credentials credentials(JsonNode s3) {
        return new S3Credentials(s3.path(S3Credentials.ACCESS_KEY_ID).asText(),
                s3.path(S3Credentials.SECRET_ACCESS_KEY).asText());
    }
}
