package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.JsNumber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NDJSON's exact bytes: the JSON export's records, one per line, each line ended. */
class NdjsonExportWriterTest {

    private static byte[] write(RecordFormat format, ObjectNode... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = format.writer(out);
        writer.columns(List.of("id"));
        for (ObjectNode r : records) {
            writer.accept(r);
        }
        writer.finish();
        assertEquals(records.length, writer.records());
        return out.toByteArray();
    }

    private static String ndjson(ObjectNode... records) throws IOException {
        return new String(write(RecordFormat.NDJSON, records), StandardCharsets.UTF_8);
    }

    private static ObjectNode record(String json) throws IOException {
        return (ObjectNode) HarperJson.parse(json);
    }

    @Test
    void oneRecordPerLineAndANewlineAfterTheLast() throws IOException {
        assertEquals("{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":null}\n",
                ndjson(record("{\"id\":1,\"name\":\"a\"}"), record("{\"id\":2,\"name\":null}")));
    }

    @Test
    void newlinesInsideValuesAreEscapedSoEachRecordStaysOneLine() throws IOException {
        assertEquals("{\"s\":\"line1\\nline2\",\"o\":{\"a\":[1,\"x\\r\"]}}\n",
                ndjson(record("{\"s\":\"line1\\nline2\",\"o\":{\"a\":[1,\"x\\r\"]}}")));
    }

    @Test
    void eachLineIsWhatTheJsonExportWritesForTheRecord() throws IOException {
        ObjectNode r = record("{\"id\":7,\"flag\":false,\"tags\":[1,\"two\"],\"text\":\"say \\\"hi\\\"\"}");
        r.set("big", JsNumber.node(12345678901234567890d));
        r.set("small", JsNumber.node(0.000001));
        String json = new String(write(RecordFormat.JSON, r), StandardCharsets.UTF_8);
        assertEquals(json.substring(1, json.length() - 1) + "\n", ndjson(r));
    }

    @Test
    void textIsUtf8() throws IOException {
        assertArrayEquals("{\"name\":\"Zoë ✓\"}\n".getBytes(StandardCharsets.UTF_8),
                write(RecordFormat.NDJSON, record("{\"name\":\"Zoë ✓\"}")));
    }

    @Test
    void anEmptyResultIsAnEmptyFile() throws IOException {
        assertEquals("", ndjson());
    }
}
