package dev.caravan.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.search.RecordQuery;
import java.nio.file.Path;

/** One running export job, carried through its route as the exchange property CaravanExport. */
public final class ExportContext {
    public static final String PROPERTY = "CaravanExport";

    private final String jobId;
    private final ObjectNode request;
    private final ExportOutput output;
    private final RecordQuery query;
    private final ExportTarget localTarget;
    private Path written;
    private long records;

    ExportContext(String jobId, ObjectNode request, ExportOutput output, RecordQuery query, ExportTarget localTarget) {
        this.jobId = jobId;
        this.request = request;
        this.output = output;
        this.query = query;
        this.localTarget = localTarget;
    }

    public String jobId() {
        return jobId;
    }

    /** The job's stored request (no secrets in it). */
    public ObjectNode request() {
        return request;
    }

    /** The format, and whether it is gzip-compressed. */
    public ExportOutput output() {
        return output;
    }

    RecordQuery query() {
        return query;
    }

    /** export_local's destination; null for exports that upload. */
    public ExportTarget localTarget() {
        return localTarget;
    }

    /** The complete export file once written (a part file until export_local renames it). */
    public Path written() {
        return written;
    }

    void written(Path file, long recordCount) {
        this.written = file;
        this.records = recordCount;
    }

    public long records() {
        return records;
    }
}
