package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.JobFailedException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The JSON sources of import_from_s3 (contract §7): a streamed array, and JSON lines. */
class JsonRecordsTest {
    private static List<String> all(Function<InputStream, RecordSource> open, String json, int batchSize) {
        List<String> out = new ArrayList<>();
        try (RecordSource source = open.apply(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            List<ObjectNode> batch;
            while (!(batch = source.nextBatch(batchSize)).isEmpty()) {
                batch.forEach(r -> out.add(r.toString()));
            }
            assertEquals(out.size(), source.rowsRead());
        }
        return out;
    }

    private static List<String> array(String json) {
        return all(JsonArrayRecords::open, json, 2);
    }

    private static List<String> lines(String json) {
        return all(JsonLineRecords::open, json, 2);
    }

    @Test
    void arrayElementsAreRecordsAcrossBatches() {
        assertEquals(List.of("{\"id\":1}", "{\"id\":2}", "{\"id\":3}"), array("[{\"id\":1},{\"id\":2},{\"id\":3}]"));
    }

    @Test
    void valuesKeepTheirJsonTypes() {
        assertEquals(List.of("{\"n\":\"5\",\"b\":\"true\",\"d\":\"2024-01-01T00:00:00Z\",\"x\":1.5,\"z\":null}"),
                array("[{\"n\":\"5\",\"b\":\"true\",\"d\":\"2024-01-01T00:00:00Z\",\"x\":1.5,\"z\":null}]"));
    }

    @Test
    void jsonLookingStringsAreParsedDeeply() {
        assertEquals(List.of("{\"a\":[1,{\"b\":{\"c\":2}}],\"bad\":\"[abc]\"}"),
                array("[{\"a\":\"[1,{\\\"b\\\":\\\"{\\\\\\\"c\\\\\\\":2}\\\"}]\",\"bad\":\"[abc]\"}]"));
    }

    @Test
    void emptyArrayAndEmptySourceHoldNoRecords() {
        assertEquals(List.of(), array("[]"));
        assertEquals(List.of(), array(""));
    }

    @Test
    void topLevelObjectIsNotAnArray() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> array("{\"id\":1}"));
        assertEquals("Top-level object should be an array.", failure.getMessage());
    }

    @Test
    void badJsonNamesLineAndColumn() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> array("[{\"id\":1},\n  {\"id\":}]"));
        assertTrue(failure.getMessage().startsWith("Invalid JSON at line 2, column 9 after 1 records: "), failure.getMessage());
    }

    @Test
    void unclosedArrayIsInvalid() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> array("[{\"id\":1},"));
        assertTrue(failure.getMessage().startsWith("Invalid JSON at line 1"), failure.getMessage());
    }

    @Test
    void elementThatIsNotAnObjectIsNamed() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> array("[{\"id\":1}, 5]"));
        assertEquals("Record 2 at line 1, column 12 is not a JSON object", failure.getMessage());
    }

    @Test
    void contentAfterTheArrayIsRejected() {
        assertThrows(JobFailedException.class, () -> array("[{\"id\":1}] [2]"));
    }

    @Test
    void jsonLinesSkipBlankLines() {
        assertEquals(List.of("{\"id\":1}", "{\"id\":2}", "{\"id\":3}"),
                lines("{\"id\":1}\n\n   \n{\"id\":2}\r\n{\"id\":3}"));
    }

    @Test
    void jsonLinesParseJsonLookingStrings() {
        assertEquals(List.of("{\"t\":[1,2],\"n\":\"5\"}"), lines("{\"t\":\"[1,2]\",\"n\":\"5\"}\n"));
    }

    @Test
    void jsonLinesErrorNamesTheLine() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> lines("{\"id\":1}\n\n{\"id\":2,}\n"));
        assertTrue(failure.getMessage().startsWith("Invalid JSON at line 3, column 9 after 1 records: "), failure.getMessage());
    }

    @Test
    void jsonLinesRejectTwoValuesOnOneLine() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> lines("{\"id\":1} {\"id\":2}\n"));
        assertTrue(failure.getMessage().startsWith("Invalid JSON at line 1"), failure.getMessage());
    }

    @Test
    void jsonLineThatIsNotAnObjectIsNamed() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> lines("{\"id\":1}\n[1]\n"));
        assertEquals("Line 2 is not a JSON object", failure.getMessage());
    }

    @Test
    void emptyJsonLinesHoldNoRecords() {
        assertEquals(List.of(), lines(""));
    }
}
