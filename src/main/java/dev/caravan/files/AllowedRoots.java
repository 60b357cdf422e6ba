package dev.caravan.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The server directories a request may name (caravan.import.roots, caravan.export.roots): a path is
 * allowed when its real location, links resolved, lies inside one of them. A user with export rights
 * must not be able to write /etc/cron.d, nor a loader read /etc/shadow.
 */
public final class AllowedRoots {
    private final String setting;
    private final List<Path> roots;

    private AllowedRoots(String setting, List<Path> roots) {
        this.setting = setting;
        this.roots = roots;
    }

    /** Comma-separated directories; each is created when missing so the default works on a fresh machine. */
    public static AllowedRoots of(String setting, String commaSeparated) {
        List<Path> roots = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                Path root = Files.createDirectories(Path.of(part.strip()));
                roots.add(root.toRealPath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use '" + part.strip() + "' in " + setting, e);
            }
        }
        return new AllowedRoots(setting, List.copyOf(roots));
    }

    /** Whether an existing path (file or directory) lies inside a root, after resolving links. */
    public boolean allows(Path existing) {
        try {
            Path real = existing.toRealPath();
            return roots.stream().anyMatch(real::startsWith);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a file not yet written, in an existing directory, would land inside a root. */
    public boolean allowsNewFile(Path file) {
        Path normal = file.toAbsolutePath().normalize();
        Path parent = normal.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return false;
        }
        try {
            Path real = parent.toRealPath().resolve(normal.getFileName());
            return roots.stream().anyMatch(real::startsWith);
        } catch (IOException e) {
            return false;
        }
    }

    /** The error text for a path outside every root; it names the setting that would allow it. */
    public String outside(String kind, String path) {
        return kind + " '" + path + "' is outside the directories this server allows (" + setting + ": "
                + roots.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")";
    }
}
