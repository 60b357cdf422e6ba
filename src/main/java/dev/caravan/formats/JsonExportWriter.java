package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Harper's JSON export (contract §8): one compact array on one line, records as the search returns them,
 * no trailing newline; an empty result is {@code []}. Each record is written as it arrives.
 */
public final class JsonExportWriter implements ExportWriter {
    private final JsonGenerator json;
    private long records;

    public JsonExportWriter(OutputStream out) throws IOException {
        this.json = HarperJson.MAPPER.createGenerator(out);
        json.writeStartArray();
    }

    @Override
    public void accept(ObjectNode record) throws IOException {
        RecordJson.write(json, record);
        records++;
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.flush();
    }
}
