package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.JobFailedException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Harper's CSV parsing rules (contract §3.2, §3.3). */
class CsvRowsTest {
    private static List<String> rows(String csv) {
        List<String> out = new ArrayList<>();
        try (CsvRows rows = CsvRows.open(new StringReader(csv))) {
            rows.forEachRemaining(r -> out.add(r.toString()));
        }
        return out;
    }

    @Test
    void headerNamesAttributesAndCellsAreCast() {
        assertEquals(List.of("{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}"), rows("id,name\n1,a\n2,b\n"));
    }

    @Test
    void byteOrderMarkIsDropped() {
        assertEquals(List.of("{\"id\":1}"), rows("\uFEFFid\n1\n"));
    }

    @Test
    void crlfLeavesNoCarriageReturn() {
        assertEquals(List.of("{\"id\":1,\"name\":\"x\"}"), rows("id,name\r\n1,x\r\n"));
    }

    @Test
    void semicolonAndTabDelimitersAreDetected() {
        assertEquals(List.of("{\"id\":11,\"name\":\"semi\"}"), rows("id;name\n11;semi\n"));
        assertEquals(List.of("{\"id\":12,\"name\":\"tab\"}"), rows("id\tname\n12\ttab\n"));
    }

    @Test
    void duplicateHeaderNamesAreRenamed() {
        try (CsvRows rows = CsvRows.open(new StringReader("id,name,name\n1,a,b\n"))) {
            assertEquals(List.of("id", "name", "name_1"), rows.header().names());
            assertEquals("{\"id\":1,\"name\":\"a\",\"name_1\":\"b\"}", rows.next().toString());
        }
    }

    @Test
    void emptyLinesAreSkippedButBlankLinesAreRecords() {
        assertEquals(List.of("{\"id\":1}", "{\"id\":\"   \"}"), rows("id\n\n1\n\n   \n"));
    }

    @Test
    void shortRowsLackTheMissingAttributes() {
        assertEquals(List.of("{\"id\":7,\"name\":\"fewer\"}"), rows("id,name,other\n7,fewer\n"));
    }

    @Test
    void extraFieldsAreDroppedAndCounted() {
        try (CsvRows rows = CsvRows.open(new StringReader("id,name\n1,a,extra1,extra2\n2,b\n"))) {
            assertEquals("{\"id\":1,\"name\":\"a\"}", rows.next().toString());
            rows.next();
            assertEquals(1, rows.rowsWithExtraFields());
        }
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndNewlines() {
        assertEquals(List.of("{\"id\":1,\"v\":\"a,b \\\"q\\\"\\nline2\"}"), rows("id,v\n1,\"a,b \"\"q\"\"\nline2\"\n"));
    }

    @Test
    void unterminatedQuoteSwallowsToEndOfFile() {
        assertEquals(List.of("{\"id\":1,\"name\":\"abc\\n2,def\\n\"}"), rows("id,name\n1,\"abc\n2,def\n"));
    }

    @Test
    void lastLineWithoutNewlineIsParsed() {
        assertEquals(List.of("{\"id\":1}", "{\"id\":2}"), rows("id\n1\n2"));
    }

    @Test
    void emptyInputHasNoHeaderAndNoRows() {
        try (CsvRows rows = CsvRows.open(new StringReader(""))) {
            assertNull(rows.header());
            assertFalse(rows.hasNext());
        }
        assertEquals(List.of(), rows("id,name\n"));
        assertEquals(List.of(), rows("\n\n"));
    }

    @Test
    void badColumnNamesFailWithHarperMessages() {
        assertEquals("Invalid column name 's/ome=attribute', cancelling load operation",
                assertThrows(JobFailedException.class, () -> rows("id,s/ome=attribute\n1,2\n")).getMessage());
        assertEquals("Invalid attribute name: ''", assertThrows(JobFailedException.class, () -> rows("id,,x\n1,2,3\n")).getMessage());
        assertEquals("Invalid column name 'café', cancelling load operation",
                assertThrows(JobFailedException.class, () -> rows("id,café\n1,2\n")).getMessage());
    }

    @Test
    void skipPassesOverCommittedRows() {
        try (CsvRows rows = CsvRows.open(new StringReader("id\n1\n2\n3\n"))) {
            assertEquals(2, rows.skip(2));
            ObjectNode third = rows.next();
            assertEquals("{\"id\":3}", third.toString());
            assertEquals(3, rows.rowsRead());
        }
    }
}
