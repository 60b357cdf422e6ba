package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.files.AllowedRoots;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobPlacement;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.TableMeta;
import java.nio.file.Files;
import java.nio.file.Path;

/** csv_file_load (contract §5): a CSV file on the server, read once, streaming. */
public class CsvFileLoad implements JobDefinition {
    private final LoadRequestChecks checks;
    private final AllowedRoots roots;

    public CsvFileLoad(LoadRequestChecks checks, AllowedRoots roots) {
        this.checks = checks;
        this.roots = roots;
    }

    @Override
    public String type() {
        return "csv_file_load";
    }

    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        String filePath = LoadRequestChecks.requiredSource(request, "file_path", "File path");
        TableMeta table = checks.table(request);
        // rights first: a user who may not load into the table learns nothing about the server's files
        LoadRequestChecks.authorize(request, table);
        Path path = Path.of(filePath);
        if (!Files.exists(path)) {
            throw HarperException.badRequest("No such file or directory " + filePath);
        }
        if (!Files.isDirectory(path) && !Files.isReadable(path)) {
            throw HarperException.badRequest("Permission denied " + filePath);
        }
        if (!roots.allows(path)) {
            throw HarperException.badRequest(roots.outside("file_path", filePath));
        }
        requireRegularFile(path, filePath);
        ObjectNode stored = checks.storedTarget(request, table);
        stored.put("file_path", filePath);
        return stored;
    }

    /**
     * Only a regular file (links resolved) is loaded: opening a FIFO blocks until a writer comes, a
     * device never ends, and a directory has no rows. Checked from its attributes, never by opening it.
     * (Harper accepts a directory and fails the job with "EISDIR"; Caravan says so before the job,
     * compatibility C10.)
     */
    private static void requireRegularFile(Path path, String filePath) {
        if (Files.isDirectory(path)) {
            throw HarperException.badRequest(directoryMessage(filePath));
        }
        if (!Files.isRegularFile(path)) {
            throw HarperException.badRequest(notRegularMessage(filePath));
        }
    }

    static String directoryMessage(String filePath) {
        return "'" + filePath + "' is a directory, not a CSV file";
    }

    static String notRegularMessage(String filePath) {
        return "'" + filePath + "' is not a regular file (a FIFO, socket or device cannot be loaded)";
    }

    @Override
    public JobPlacement placement(ObjectNode storedRequest) {
        return JobPlacement.SERVER_FILES; // a file under the import roots
    }

    @Override
    public boolean resumable(ObjectNode storedRequest) {
        return true; // the file is read again and the committed rows skipped
    }
}
