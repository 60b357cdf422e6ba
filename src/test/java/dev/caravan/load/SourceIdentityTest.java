package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceIdentityTest {
    @TempDir
    Path dir;

    @Test
    void unchangedFileHasNoChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        SourceIdentity atStart = SourceIdentity.ofFile(file);
        assertEquals(5L, atStart.size());
        assertNull(SourceIdentity.ofFile(file).changesSince(atStart));
    }

    @Test
    void rewrittenFileShowsItsSizeAndTime() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        SourceIdentity atStart = SourceIdentity.ofFile(file);
        Files.writeString(file, "id\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertEquals("size 5 -> 3, modified 2026-01-01T00:00:00Z -> 2026-01-02T00:00:00Z",
                SourceIdentity.ofFile(file).changesSince(atStart));
    }

    @Test
    void replacedFileHasAnotherFileKey() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        SourceIdentity atStart = SourceIdentity.ofFile(file);
        Path other = Files.writeString(dir.resolve("b.csv"), "id\n1\n");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String changes = SourceIdentity.ofFile(file).changesSince(atStart);
        if (atStart.facts().containsKey(SourceIdentity.FILE_KEY)) {
            assertTrue(changes != null && changes.startsWith("file key "), changes);
        }
    }

    @Test
    void objectIdentityComparesWhatWasRecorded() {
        SourceIdentity atStart = SourceIdentity.ofObject(100L, "\"abc\"", null);
        assertNull(SourceIdentity.ofObject(100L, "\"abc\"", "Tue, 01 Dec 2026 08:00:00 GMT").changesSince(atStart));
        assertEquals("etag \"abc\" -> \"def\"", SourceIdentity.ofObject(100L, "\"def\"", null).changesSince(atStart));
        assertEquals("content length 100 -> none, etag \"abc\" -> none",
                SourceIdentity.ofObject(null, null, null).changesSince(atStart));
    }

    @Test
    void jsonRoundTripKeepsEveryFact() throws Exception {
        SourceIdentity identity = SourceIdentity.ofFile(Files.writeString(dir.resolve("a.csv"), "id\n"));
        assertEquals(identity, SourceIdentity.fromJson(identity.toJson()));
    }
}
