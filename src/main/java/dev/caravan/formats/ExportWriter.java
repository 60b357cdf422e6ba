package dev.caravan.formats;

import dev.caravan.search.RecordSink;
import java.io.IOException;

/** Writes a search's records in an export format as they stream in; RecordFormat says which writer a format has. */
public interface ExportWriter extends RecordSink {
    long records();

    /** Closes the document (the JSON array) and flushes; the caller closes the stream. */
    void finish() throws IOException;
}
