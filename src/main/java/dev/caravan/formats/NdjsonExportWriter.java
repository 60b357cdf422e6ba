package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Caravan's NDJSON export: each record as the JSON export writes it, followed by a newline (so the
 * last line ends too), UTF-8; an empty result is an empty file. import_from_s3 reads it back.
 */
public final class NdjsonExportWriter implements ExportWriter {
    private final JsonGenerator json;
    private long records;

    public NdjsonExportWriter(OutputStream out) throws IOException {
        this.json = HarperJson.MAPPER.createGenerator(out);
        json.setRootValueSeparator(null); // the newline after each record is the only separator
    }

    @Override
    public void accept(ObjectNode record) throws IOException {
        RecordJson.write(json, record);
        json.writeRaw('\n');
        records++;
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public void finish() throws IOException {
        json.flush();
    }
}
