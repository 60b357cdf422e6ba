package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.jobs.JobFailedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON sources' bad rows once a load has an error policy (docs/row-outcomes.md), and without one. */
class JsonRowProblemsTest {
    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonLinesReportBadLinesWithTheirPlaceAndGoOn() {
        JsonLineRecords source = JsonLineRecords.open(bytes("{\"id\":1}\n{\"id\":2\n\n[3]\n{\"id\":4}\n"));
        source.reportRowProblems();
        ParsedBatch batch = source.nextParsed(10);
        assertEquals(2, batch.rows().size());
        assertArrayEquals(new long[] {1, 4}, batch.rowNumbers());
        assertEquals(5L, batch.line(1)); // the blank line 3 is no row, but counts as a line
        List<RowProblem> problems = batch.problems();
        assertEquals(RowReason.MALFORMED_JSON, problems.get(0).reason());
        assertEquals(2, problems.get(0).row());
        assertEquals(2L, problems.get(0).line());
        assertEquals("{\"id\":2", problems.get(0).raw());
        assertEquals(RowReason.NOT_AN_OBJECT, problems.get(1).reason());
        assertEquals(3, problems.get(1).row());
        assertEquals("[3]", problems.get(1).raw());
        assertEquals(4, source.rowsRead());
        assertTrue(source.nextParsed(10).isEmpty());
    }

    @Test
    void withoutAPolicyABadLineFailsTheLoadWithTheSameMessageAsBefore() {
        JsonLineRecords source = JsonLineRecords.open(bytes("{\"id\":1}\n{\"id\":2\n"));
        JobFailedException e = assertThrows(JobFailedException.class, () -> source.nextParsed(10));
        assertTrue(e.getMessage().startsWith("Invalid JSON at line 2, column "), e.getMessage());
        assertTrue(e.getMessage().contains("after 1 records"), e.getMessage());
    }

    @Test
    void anArrayReportsANonObjectAndGoesOnButEndsAtBrokenSyntax() {
        JsonArrayRecords source = JsonArrayRecords.open(bytes("[{\"id\":1},\n 7,\n {\"id\":3}, {\"id\":4 \"x\"}, {\"id\":5}]"));
        source.reportRowProblems();
        ParsedBatch batch = source.nextParsed(10);
        assertArrayEquals(new long[] {1, 3}, batch.rowNumbers());
        assertEquals(3L, batch.line(1));
        assertEquals(RowReason.NOT_AN_OBJECT, batch.problems().get(0).reason());
        assertEquals(2, batch.problems().get(0).row());
        assertEquals(12L, batch.problems().get(0).byteOffset());
        assertEquals("7", batch.problems().get(0).raw());
        RowProblem broken = batch.problems().get(1);
        assertEquals(RowReason.MALFORMED_JSON, broken.reason());
        assertEquals(4, broken.row());
        assertNull(broken.raw()); // the parser cannot say where the element ends
        assertThrows(JobFailedException.class, () -> source.nextParsed(10)); // then the load ends
    }

    @Test
    void aValueTheCasterRejectsFailsItsRowOnly() {
        ValueCaster ages = new ValueCaster() {
            @Override
            public JsonNode castCell(String attribute, String cell) {
                return TextNode.valueOf(cell);
            }

            @Override
            public JsonNode castJson(String attribute, JsonNode value) {
                if (attribute.equals("age") && !value.isInt()) {
                    throw new RowRejectedException(RowReason.NOT_CASTABLE, "age", value.toString(), "age must be an Int");
                }
                return value;
            }
        };
        JsonLineRecords source = JsonLineRecords.open(bytes("{\"id\":1,\"age\":3}\n{\"id\":2,\"age\":\"old\"}\n"));
        source.reportRowProblems();
        source.castWith(ages);
        ParsedBatch batch = source.nextParsed(10);
        assertEquals(1, batch.rows().size());
        RowProblem p = batch.problems().get(0);
        assertEquals(RowReason.NOT_CASTABLE, p.reason());
        assertEquals("age", p.column());
        assertEquals("\"old\"", p.value());
        assertEquals(2, p.row());

        JsonLineRecords harper = JsonLineRecords.open(bytes("{\"id\":2,\"age\":\"old\"}\n"));
        harper.castWith(ages);
        JobFailedException e = assertThrows(JobFailedException.class, () -> harper.nextParsed(10));
        assertEquals("Line 1: age must be an Int", e.getMessage());
    }
}
