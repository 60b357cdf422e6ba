package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFingerprintTest {
    @TempDir
    Path dir;

    private static ObjectNode request(String operation) {
        return HarperJson.object().put("operation", operation).put("database", "dev").put("table", "dog");
    }

    private static SourceIdentity file(long size, String modified) {
        return new SourceIdentity(Map.of(SourceIdentity.SIZE, String.valueOf(size), SourceIdentity.MODIFIED, modified,
                SourceIdentity.FILE_KEY, "(dev=1,ino=" + size + ")"));
    }

    @Test
    void aFileIsItsPathSizeAndModificationTime() {
        ObjectNode load = request("csv_file_load").put("file_path", "/srv/dogs.csv");
        SourceFingerprint f = SourceFingerprint.of(load, file(10, "2026-12-01T10:00:00Z"), "h").orElseThrow();

        assertEquals(Map.of("file", "/srv/dogs.csv", "size", "10", "modified", "2026-12-01T10:00:00Z"), f.facts());
        assertEquals(f.key(), SourceFingerprint.of(load, file(10, "2026-12-01T10:00:00Z"), "other").orElseThrow().key());
        assertNotEquals(f.key(), SourceFingerprint.of(load, file(10, "2026-12-01T10:00:01Z"), "h").orElseThrow().key());
        assertNotEquals(f.key(), SourceFingerprint.of(request("csv_file_load").put("file_path", "/srv/cats.csv"),
                file(10, "2026-12-01T10:00:00Z"), "h").orElseThrow().key());
    }

    @Test
    void aUrlNeedsAnEtagOrALastModified() {
        ObjectNode load = request("csv_url_load").put("csv_url", "http://host/dogs.csv");
        assertTrue(SourceFingerprint.of(load, SourceIdentity.ofObject(10L, null, null), null).isEmpty());
        SourceFingerprint tagged = SourceFingerprint.of(load, SourceIdentity.ofObject(10L, "\"v1\"", null), null).orElseThrow();
        SourceFingerprint dated = SourceFingerprint.of(load, SourceIdentity.ofObject(null, null, "Tue, 01 Dec 2026 10:00:00 GMT"),
                null).orElseThrow();

        assertEquals(Map.of("url", "http://host/dogs.csv", "etag", "\"v1\"", "content_length", "10"), tagged.facts());
        assertNotEquals(tagged.key(), dated.key());
        assertNotEquals(tagged.key(), SourceFingerprint.of(load, SourceIdentity.ofObject(10L, "\"v2\"", null), null)
                .orElseThrow().key());
    }

    @Test
    void anS3ObjectIsItsLocationEtagAndSize() {
        ObjectNode load = request("import_from_s3");
        load.putObject("s3").put("bucket", "b").put("key", "dogs.csv").put("aws_secret_access_key", "[redacted]");
        assertTrue(SourceFingerprint.of(load, SourceIdentity.ofObject(10L, null, "x"), null).isEmpty());

        SourceFingerprint f = SourceFingerprint.of(load, SourceIdentity.ofObject(10L, "\"e\"", "x"), null).orElseThrow();

        assertEquals(Map.of("s3_bucket", "b", "s3_key", "dogs.csv", "etag", "\"e\"", "content_length", "10"), f.facts());
    }

    @Test
    void uploadedDataIsItsHash() {
        assertTrue(SourceFingerprint.of(request("csv_data_load"), null, null).isEmpty());
        assertEquals(Map.of("data_sha256", "abc"), SourceFingerprint.of(request("csv_data_load"), null, "abc").orElseThrow().facts());
    }

    @Test
    void otherJobsHaveNone() {
        assertTrue(SourceFingerprint.of(request("inbox-load"), file(1, "x"), "h").isEmpty());
    }

    @Test
    void aFilesHashIsTheOneALoadComputesWhileReading() throws Exception {
        byte[] csv = "id,name\n1,Rex\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("d.csv"), csv);
        CountingInputStream read = new CountingInputStream(new ByteArrayInputStream(csv));
        read.readAllBytes();

        assertEquals(read.checkpoint().hash(), SourceFingerprint.sha256(file));
    }
}
