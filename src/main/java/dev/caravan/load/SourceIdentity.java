package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What identifies a job's source when the job starts, stored in the job table (docs/decisions/0002-job-engine.md,
 * "Sources that change"): a file's size, modification time and file key (device and inode where the
 * file system has one); an HTTP or S3 object's length, ETag and Last-Modified. A resume compares the
 * source it finds with this one. Absent values are not compared.
 */
public record SourceIdentity(Map<String, String> facts) {
    static final String SIZE = "size";
    static final String MODIFIED = "modified";
    static final String FILE_KEY = "file_key";
    static final String LENGTH = "content_length";
    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "last_modified";

    public SourceIdentity {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** A regular file, its link already resolved: its attributes without following links. */
    public static SourceIdentity ofFile(Path realPath) throws IOException {
        BasicFileAttributes a = Files.readAttributes(realPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(SIZE, String.valueOf(a.size()));
        facts.put(MODIFIED, a.lastModifiedTime().toInstant().toString());
        if (a.fileKey() != null) {
            facts.put(FILE_KEY, a.fileKey().toString());
        }
        return new SourceIdentity(facts);
    }

    /** An HTTP answer or S3 object: whichever of its length, ETag and Last-Modified it gives. */
    public static SourceIdentity ofObject(Long contentLength, String etag, String lastModified) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (contentLength != null) {
            facts.put(LENGTH, String.valueOf(contentLength));
        }
        if (etag != null) {
            facts.put(ETAG, etag);
        }
        if (lastModified != null) {
            facts.put(LAST_MODIFIED, lastModified);
        }
        return new SourceIdentity(facts);
    }

    /** The file's size, for the end-of-file check. */
    public Long size() {
        String size = facts.get(SIZE);
        return size == null ? null : Long.valueOf(size);
    }

    /**
     * What differs between the identity recorded when the job started and this one ("size 10 -> 4"),
     * or null when nothing recorded differs. A value that was recorded and is now missing differs.
     */
    public String changesSince(SourceIdentity recorded) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> was : recorded.facts.entrySet()) {
            String now = facts.get(was.getKey());
            if (!Objects.equals(was.getValue(), now)) {
                changes.add(was.getKey().replace('_', ' ') + " " + was.getValue() + " -> " + (now == null ? "none" : now));
            }
        }
        return changes.isEmpty() ? null : String.join(", ", changes);
    }

    public String toJson() {
        ObjectNode node = HarperJson.object();
        facts.forEach(node::put);
        return HarperJson.write(node);
    }

    public static SourceIdentity fromJson(String json) {
        try {
            JsonNode node = HarperJson.parse(json);
            Map<String, String> facts = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
            return new SourceIdentity(facts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the job table holds an unreadable source identity", e);
        }
    }
}
