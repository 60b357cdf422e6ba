package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What makes a load's source the same as an earlier load's, for skip_loaded (docs/decisions/0007-exactly-once.md):
 * a file's path, size and modification time; a URL with its ETag, Last-Modified and length; an S3 object's
 * location with its ETag and size; an uploaded CSV's SHA-256. All but the last are known when the source
 * opens (from SourceIdentity), before a row is read. A URL without an ETag or a Last-Modified, or an S3
 * object without an ETag, has no fingerprint: nothing tells that it did not change, so it is loaded.
 */
public record SourceFingerprint(Map<String, String> facts) {
    public SourceFingerprint {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * The fingerprint of the job's source, from its stored request, the identity it had when it opened,
     * and (for csv_data_load) the SHA-256 of its bytes; empty when the source has none.
     */
    static Optional<SourceFingerprint> of(ObjectNode request, SourceIdentity opened, String dataSha256) {
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, String> identity = opened == null ? Map.of() : opened.facts();
        switch (request.path("operation").asText()) {
            case "csv_file_load" -> {
                facts.put("file", request.path("file_path").asText());
                copy(identity, facts, SourceIdentity.SIZE, SourceIdentity.MODIFIED);
                return Optional.of(new SourceFingerprint(facts));
            }
            case "csv_url_load" -> {
                facts.put("url", request.path("csv_url").asText());
                copy(identity, facts, SourceIdentity.ETAG, SourceIdentity.LAST_MODIFIED, SourceIdentity.LENGTH);
                return validated(facts, identity.containsKey(SourceIdentity.ETAG)
                        || identity.containsKey(SourceIdentity.LAST_MODIFIED));
            }
            case "import_from_s3" -> {
                JsonNode s3 = request.path("s3");
                for (String field : new String[] {"endpoint", "bucket", "key"}) {
                    if (s3.hasNonNull(field)) {
                        facts.put("s3_" + field, s3.get(field).asText());
                    }
                }
                copy(identity, facts, SourceIdentity.ETAG, SourceIdentity.LENGTH);
                return validated(facts, identity.containsKey(SourceIdentity.ETAG));
            }
            case "csv_data_load" -> {
                facts.put("data_sha256", dataSha256);
                return validated(facts, dataSha256 != null);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String... names) {
        for (String name : names) {
            if (from.containsKey(name)) {
                to.put(name, from.get(name));
            }
        }
    }

    private static Optional<SourceFingerprint> validated(Map<String, String> facts, boolean identified) {
        return identified ? Optional.of(new SourceFingerprint(facts)) : Optional.empty();
    }

    /** The history's lookup key: the SHA-256 of the facts, in their fixed order. */
    String key() {
        StringBuilder text = new StringBuilder();
        facts.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return DigestUtils.sha256Hex(text.toString());
    }

    /** The facts as the history keeps them, with what was read: the bytes and their SHA-256. */
    ObjectNode describe(long bytes, String contentSha256) {
        ObjectNode out = HarperJson.object();
        facts.forEach(out::put);
        out.put("bytes", bytes);
        out.put("content_sha256", contentSha256);
        return out;
    }

    /** The SHA-256 of a file's bytes, as CountingInputStream computes it while a load reads them. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        }
    }
}
