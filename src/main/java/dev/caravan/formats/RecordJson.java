package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * One record as compact JSON, fields as the search returns them: the rendering every JSON export
 * format shares. Scalars go straight to the generator: the mapper's per-call set-up cost more than
 * the writing.
 */
final class RecordJson {
    private RecordJson() {
    }

    static void write(JsonGenerator json, ObjectNode record) throws IOException {
        json.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            json.writeFieldName(field.getKey());
            writeValue(json, field.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, JsonNode value) throws IOException {
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
}
