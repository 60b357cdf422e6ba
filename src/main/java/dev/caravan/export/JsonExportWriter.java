package dev.caravan.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

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

    /** Scalars go straight to the generator: the mapper's per-call set-up cost more than the writing. */
    @Override
    public void accept(ObjectNode record) throws IOException {
        json.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            json.writeFieldName(field.getKey());
            writeValue(field.getValue());
        }
        json.writeEndObject();
        records++;
    }

    private void writeValue(JsonNode value) throws IOException {
        switch (value.getNodeType()) {
            case STRING -> json.writeString(value.textValue());
            case BOOLEAN -> json.writeBoolean(value.booleanValue());
            case NULL, MISSING -> json.writeNull();
            case NUMBER -> {
                if (value.isBigDecimal()) {
                    json.writeNumber(value.decimalValue()); // plain, as the mapper's generator is set up
                } else if (value.isBigInteger()) {
                    json.writeNumber(value.bigIntegerValue());
                } else if (value.isIntegralNumber()) {
                    json.writeNumber(value.longValue());
                } else {
                    json.writeNumber(value.doubleValue());
                }
            }
            default -> HarperJson.MAPPER.writeTree(json, value); // objects and arrays
        }
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
