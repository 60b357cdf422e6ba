package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.JsNumber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The export formats' exact bytes (contract §8). */
class ExportWritersTest {

    private static String write(RecordFormat format, List<String> columns, ObjectNode... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = format.writer(out);
        writer.columns(columns);
        for (ObjectNode r : records) {
            writer.accept(r);
        }
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ObjectNode record(String json) throws IOException {
        return (ObjectNode) HarperJson.parse(json);
    }

    @Test
    void numbersPrintAsJavaScriptDoesInBothFormats() throws IOException {
        ObjectNode r = HarperJson.object();
        r.set("big", JsNumber.node(12345678901234567890d));
        r.set("created", JsNumber.node(1795596829070.8066));
        r.set("small", JsNumber.node(0.000001));
        r.set("neg", JsNumber.node(-3));
        List<String> columns = List.of("big", "created", "small", "neg");
        assertEquals("\"big\",\"created\",\"small\",\"neg\"\n12345678901234567000,1795596829070.8066,0.000001,-3",
                write(RecordFormat.CSV, columns, r));
        assertEquals("[{\"big\":12345678901234567000,\"created\":1795596829070.8066,\"small\":0.000001,\"neg\":-3}]",
                write(RecordFormat.JSON, columns, r));
    }

    @Test
    void csvWritesEveryColumnForEveryRecordInColumnOrder() throws IOException {
        assertEquals("\"b\",\"a\",\"c\"\n2,1,\n,\"x\",true",
                write(RecordFormat.CSV, List.of("b", "a", "c"), record("{\"a\":1,\"b\":2}"),
                        record("{\"a\":\"x\",\"c\":true,\"extra\":9}")));
    }

    @Test
    void csvQuotesHeaderNamesWithQuotesAndKeepsUnicode() throws IOException {
        assertEquals("\"say \"\"hi\"\"\"\n\"café ✓\"",
                write(RecordFormat.CSV, List.of("say \"hi\""), record("{\"say \\\"hi\\\"\":\"café ✓\"}")));
    }

    @Test
    void csvWritesNestedValuesAsQuotedJsonText() throws IOException {
        assertEquals("\"o\",\"a\"\n\"{\"\"a\"\":1,\"\"b\"\":[1,\"\"two\"\"]}\",\"[1,2,\"\"three\"\"]\"",
                write(RecordFormat.CSV, List.of("o", "a"), record("{\"o\":{\"a\":1,\"b\":[1,\"two\"]},\"a\":[1,2,\"three\"]}")));
    }

    @Test
    void emptyResults() throws IOException {
        assertEquals("", write(RecordFormat.CSV, List.of("id")));
        assertEquals("[]", write(RecordFormat.JSON, List.of("id")));
    }

    @Test
    void fileNamesGetTheExtensionOnlyOnce() {
        assertEquals("x.json", RecordFormat.JSON.withExtension("x.json"));
        assertEquals("x.csv.json", RecordFormat.JSON.withExtension("x.csv"));
        assertEquals("x.csv", RecordFormat.CSV.withExtension("x"));
        assertEquals(null, RecordFormat.named("JSON"));
    }
}
