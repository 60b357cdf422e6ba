package dev.caravan.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowedRootsTest {
    @TempDir
    Path dir;

    @Test
    void pathsInsideARootAreAllowedAndLinksOutAreNot() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path other = Files.createDirectories(dir.resolve("other"));
        AllowedRoots roots = AllowedRoots.of("test.roots", root + ", " + dir.resolve("second"));
        Path inside = Files.writeString(root.resolve("a.csv"), "id\n1\n");
        assertTrue(roots.allows(inside));
        assertTrue(roots.allows(root));
        assertTrue(Files.isDirectory(dir.resolve("second")), "a missing root is created");
        assertFalse(roots.allows(Files.writeString(other.resolve("b.csv"), "x")));
        Path link = Files.createSymbolicLink(root.resolve("out"), other);
        assertFalse(roots.allows(link));
        assertFalse(roots.allows(root.resolve("missing.csv")));
    }

    @Test
    void newFilesMustLandInsideARoot() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        AllowedRoots roots = AllowedRoots.of("test.roots", root.toString());
        assertTrue(roots.allowsNewFile(root.resolve("x.json")));
        assertFalse(roots.allowsNewFile(root.resolve("../x.json")));
        assertFalse(roots.allowsNewFile(root.resolve("nodir/x.json")));
        assertTrue(roots.outside("path", "/etc").contains("test.roots: " + root.toRealPath()));
    }
}
