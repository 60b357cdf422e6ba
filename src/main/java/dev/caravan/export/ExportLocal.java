package dev.caravan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.files.AllowedRoots;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobPlacement;
import dev.caravan.operations.OperationRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * export_local (contract §8): a search written to a file in a server directory. Every request error is
 * answered before the job exists (compatibility C8), in Harper's order: rights, format, search operation,
 * path, directory; the directory must also lie inside caravan.export.roots.
 */
public class ExportLocal implements JobDefinition {
    private static final Logger LOG = LoggerFactory.getLogger(ExportLocal.class);
    private final ExportRequestChecks checks;
    private final AllowedRoots roots;

    public ExportLocal(ExportRequestChecks checks, AllowedRoots roots) {
        this.checks = checks;
        this.roots = roots;
    }

    @Override
    public String type() {
        return "export_local";
    }

    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        ExportRequestChecks.authorize(request);
        ExportOutput output = ExportRequestChecks.output(request);
        ObjectNode searchOperation = checks.searchOperation(request);
        String path = directory(request);
        JsonNode filename = request.field("filename");
        if (filename != null) {
            checkFile(path, output.fileName(filename.asText()));
        }
        ObjectNode stored = HarperJson.object();
        stored.put("operation", type());
        output.storeIn(stored);
        stored.put("path", path);
        if (filename != null) {
            stored.put("filename", filename.asText());
        }
        stored.set("search_operation", searchOperation);
        return stored;
    }

    private String directory(OperationRequest request) {
        JsonNode given = request.field("path");
        if (given == null) {
            throw HarperException.badRequest("path is missing.");
        }
        String path = given.asText();
        if (path.isEmpty()) {
            throw HarperException.badRequest("Invalid path: ");
        }
        Path dir;
        try {
            dir = Path.of(path);
        } catch (InvalidPathException e) {
            throw HarperException.badRequest("Invalid path: " + path);
        }
        if (!Files.exists(dir)) {
            throw HarperException.badRequest("path '" + path + "' does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw HarperException.badRequest("path '" + path + "' is not a directory, please supply a valid folder path");
        }
        if (!roots.allows(dir)) {
            throw HarperException.badRequest(roots.outside("path", path));
        }
        return path;
    }

    /** A filename may name a subdirectory; it must exist and stay inside the export roots. */
    private void checkFile(String path, String fileName) {
        Path file;
        try {
            file = Path.of(path).resolve(fileName);
        } catch (InvalidPathException e) {
            throw HarperException.badRequest("Invalid filename: " + fileName);
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw HarperException.badRequest("directory '" + (parent == null ? file : parent) + "' does not exist");
        }
        if (!roots.allowsNewFile(file)) {
            throw HarperException.badRequest(roots.outside("file", ExportTarget.joined(path, fileName)));
        }
    }

    /** The hidden part files of a crashed run (ExportLeftovers). */
    @Override
    public void removeLeftovers(ObjectNode storedRequest, String jobId) {
        try {
            for (Path file : ExportLeftovers.partFiles(storedRequest, jobId)) {
                Files.deleteIfExists(file);
                LOG.info("Removed the part file {} of interrupted export job {}", file, jobId);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove the part files of interrupted export job {}: {}", jobId, e.toString());
        }
    }

    @Override
    public JobPlacement placement(ObjectNode storedRequest) {
        return JobPlacement.SERVER_FILES; // a folder under the export roots
    }

    @Override
    public boolean resumable(ObjectNode storedRequest) {
        return true; // run again from the start: the file appears only once it is complete
    }

    @Override
    public boolean commitsRecords() {
        return false;
    }
}
