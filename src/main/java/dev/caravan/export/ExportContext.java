package dev.caravan.export;

import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobRun;
import dev.caravan.search.RecordQuery;
import java.nio.file.Path;

/** One running export job, carried through its route as the exchange property CaravanExport. */
public final class ExportContext extends JobRun {
    public static final String PROPERTY = "CaravanExport";

    private final ExportOutput output;
    private final RecordQuery query;
    private final ExportTarget localTarget;
    private Path written;
    private long records;

    ExportContext(Job job, ExportOutput output, RecordQuery query, ExportTarget localTarget) {
        super(job);
        this.output = output;
        this.query = query;
        this.localTarget = localTarget;
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
