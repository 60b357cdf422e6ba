package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.files.AllowedRoots;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A load's optional fields beyond Harper's that say what it writes (docs/row-outcomes.md): dry_run (read,
 * check and count everything, write nothing) and rejects_path (the failed rows, as a file to fix and load
 * again), checked at submit and kept in the job's stored request.
 */
public record LoadOptions(boolean dryRun, Path rejectsPath) {
    public static final LoadOptions NONE = new LoadOptions(false, null);

    /** The suffix of the side file that says where each rejected row came from. */
    public static final String REJECTS_INDEX_SUFFIX = ".rows.csv";

    /** The options a request asks for; 400 for a bad value, or a rejects file outside the export roots. */
    public static LoadOptions of(ObjectNode request, AllowedRoots exportRoots) {
        JsonNode dryRun = present(request, "dry_run");
        if (dryRun != null && !dryRun.isBoolean()) {
            throw HarperException.badRequest("'dry_run' must be true or false");
        }
        JsonNode rejects = present(request, "rejects_path");
        Path rejectsPath = null;
        if (rejects != null) {
            rejectsPath = rejectsPath(rejects, exportRoots);
        }
        return new LoadOptions(dryRun != null && dryRun.booleanValue(), rejectsPath);
    }

    private static Path rejectsPath(JsonNode value, AllowedRoots exportRoots) {
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw HarperException.badRequest("'rejects_path' must be the path of a file to write");
        }
        Path path;
        try {
            path = Path.of(value.textValue()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw HarperException.badRequest("'rejects_path' is not a valid path: " + e.getReason());
        }
        if (Files.isDirectory(path)) {
            throw HarperException.badRequest("'rejects_path' names a directory; it must name a file");
        }
        Path index = path.resolveSibling(path.getFileName() + REJECTS_INDEX_SUFFIX);
        if (!exportRoots.allowsNewFile(path) || !exportRoots.allowsNewFile(index)) {
            throw HarperException.badRequest(exportRoots.outside("rejects_path", value.textValue()));
        }
        return path;
    }

    /** The options a job stored at submit (valid by then). */
    public static LoadOptions stored(ObjectNode stored) {
        JsonNode rejects = stored.get("rejects_path");
        return new LoadOptions(stored.path("dry_run").asBoolean(false), rejects == null ? null : Path.of(rejects.textValue()));
    }

    public void store(ObjectNode stored) {
        if (dryRun) {
            stored.put("dry_run", true);
        }
        if (rejectsPath != null) {
            stored.put("rejects_path", rejectsPath.toString());
        }
    }

    private static JsonNode present(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
