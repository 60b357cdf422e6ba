package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobPlacement;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.TableMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * csv_data_load (contract §4): the CSV comes in the request's data field. It is spooled to a file under
 * the data dir before the answer goes out, so the job row never holds it and the job can resume.
 */
public class CsvDataLoad implements JobDefinition {
    private final LoadRequestChecks checks;
    private final Path spoolDir;

    public CsvDataLoad(LoadRequestChecks checks, Path spoolDir) {
        this.checks = checks;
        this.spoolDir = spoolDir;
    }

    @Override
    public String type() {
        return "csv_data_load";
    }

    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        String data = LoadRequestChecks.requiredSource(request, "data", "Data");
        TableMeta table = checks.table(request);
        LoadRequestChecks.authorize(request, table);
        ObjectNode stored = checks.storedTarget(request, table); // its checks come before anything is spooled
        spool(jobId, data);
        return stored;
    }

    private void spool(String jobId, String csv) {
        try {
            Files.createDirectories(spoolDir);
            Files.writeString(spoolFile(spoolDir, jobId), csv, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            // JSON's "\ud800" escape: a lone surrogate has no UTF-8 form (the text is encoded before the file is made)
            throw HarperException.badRequest("'data' is not valid Unicode text: it contains an unpaired surrogate");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the CSV data", e);
        }
    }

    /**
     * retry_job: the retried job's spooled data, kept because it failed (RecordLoad), is copied for the new
     * job; once that job was deleted, or its data removed, there is nothing to run again.
     */
    @Override
    public ObjectNode prepareRetry(OperationRequest request, String retriedJobId, String jobId) {
        Path spooled = spoolFile(spoolDir, retriedJobId);
        if (!Files.isRegularFile(spooled)) {
            throw JobDefinition.retryNeeds(retriedJobId, "its data, which is no longer kept (it stays only on the node"
                    + " that accepted the job, until the job is deleted); submit the csv_data_load again");
        }
        TableMeta table = checks.table(request);
        LoadRequestChecks.authorize(request, table);
        ObjectNode stored = checks.storedTarget(request, table);
        try {
            Files.copy(spooled, spoolFile(spoolDir, jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the spooled CSV data of job " + retriedJobId, e);
        }
        return stored;
    }

    /** Another submit of the same idempotency_key won: its upload is not needed. */
    @Override
    public void discard(ObjectNode storedRequest, String jobId) {
        try {
            Files.deleteIfExists(spoolFile(spoolDir, jobId));
        } catch (IOException e) {
            // the answer is the other submit's job either way; the file is only left over
            LoggerFactory.getLogger(CsvDataLoad.class).warn("Cannot remove the unused spool file of {}: {}", jobId,
                    e.getMessage());
        }
    }

    static Path spoolFile(Path spoolDir, String jobId) {
        return spoolDir.resolve(jobId + ".csv");
    }

    @Override
    public JobPlacement placement(ObjectNode storedRequest) {
        return JobPlacement.ACCEPTING_NODE; // the upload is spooled under this node's data dir
    }

    @Override
    public boolean resumable(ObjectNode storedRequest) {
        return true; // the spool file stays until the job ends
    }
}
