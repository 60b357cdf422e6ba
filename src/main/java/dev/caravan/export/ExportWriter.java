package dev.caravan.export;

import dev.caravan.search.RecordSink;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a search's records in an export format as they stream in. */
public interface ExportWriter extends RecordSink {
    long records();

    /** Closes the document (the JSON array) and flushes; the caller closes the stream. */
    void finish() throws IOException;

    static ExportWriter of(ExportFormat format, OutputStream out) throws IOException {
        return format == ExportFormat.JSON ? new JsonExportWriter(out) : new CsvExportWriter(out);
    }
}
