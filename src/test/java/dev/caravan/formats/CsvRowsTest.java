package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobFailedException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    // --- row places and problems (issue 10 points 1 and 7) ---

    /** A strict dialect that changes nothing else: any dialect field makes quoting strict. */
    private static final CsvDialect STRICT = CsvDialect.of(json("{\"delimiter\": \",\"}"));

    static JsonNode json(String text) {
        try {
            return HarperJson.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CsvRows open(String csv, CsvDialect dialect) {
        return CsvRows.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE, dialect);
    }

    private static long utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void rowsAreNumberedInTheirBatch() {
        try (CsvRows rows = CsvRows.open(new StringReader("id\n1\n2\n3\n"))) {
            ParsedBatch first = rows.nextParsed(2);
            assertEquals(List.of(1L, 2L), Arrays.stream(first.rowNumbers()).boxed().toList());
            ParsedBatch second = rows.nextParsed(2);
            assertEquals(List.of(3L), Arrays.stream(second.rowNumbers()).boxed().toList());
            assertTrue(rows.nextParsed(2).isEmpty());
        }
    }

    @Test
    void extraFieldsAreANoteWithTheirPlaceAndTheRowStays() {
        String before = "id,name\n1,a\n";
        try (CsvRows rows = CsvRows.open(new StringReader(before + "2,b,x,\"y,z\"\n3,c\n"))) {
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(3, batch.rows().size());
            assertEquals("{\"id\":2,\"name\":\"b\"}", batch.rows().get(1).toString());
            assertEquals(List.of(new RowProblem(2, 3L, utf8Bytes(before), "cell 3", "x,\"y,z\"", "2,b,x,\"y,z\"",
                    RowReason.EXTRA_FIELDS, "CSV row 2 (line 3): 4 cells where the header names 2: the last 2 cells were dropped")),
                    batch.problems());
            assertEquals(1, rows.rowsWithExtraFields());
        }
    }

    @Test
    void placesCountLinesOfQuotedValuesAndBytesOfNonAsciiText() {
        String before = "\uFEFFid,name\r\n\r\n1,\"multi\r\nline ✓\"\n2,café 🐕\n";
        try (CsvRows rows = open(before + "3,ü,extra\n", CsvDialect.harper())) {
            RowProblem note = rows.nextParsed(10).problems().get(0);
            assertEquals(3, note.row());
            assertEquals(6L, note.line()); // header 1, empty 2, the quoted record 3-4, row 2 on 5
            assertEquals(utf8Bytes(before), note.byteOffset()); // the BOM's 3 bytes, ✓ 3, é 2, 🐕 4
            assertEquals(47L, note.byteOffset());
            assertEquals("3,ü,extra", note.raw());
        }
    }

    @Test
    void extraCellsQuotedInAProblemAreBoundedButTheRawRecordIsWhole() {
        String extra = "x".repeat(5000);
        try (CsvRows rows = CsvRows.open(new StringReader("id\n1," + extra + "\n"))) {
            RowProblem note = rows.nextParsed(10).problems().get(0);
            assertEquals(1025, note.value().length());
            assertEquals("1," + extra, note.raw());
        }
    }

    @Test
    void harperDefaultStaysLenientWithoutProblems() {
        try (CsvRows rows = CsvRows.open(new StringReader("id,name\n1,\"a\"x\n2,\"open\n3,c\n"))) {
            rows.reportRowProblems();
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(List.of("{\"id\":1,\"name\":\"ax\"}", "{\"id\":2,\"name\":\"open\\n3,c\\n\"}"),
                    batch.rows().stream().map(Object::toString).toList());
            assertEquals(List.of(), batch.problems());
        }
    }

    @Test
    void textAfterAClosingQuoteIsAMalformedRowAndReadingGoesOn() {
        String before = "id,name\n1,\"multi\nline\"\n2,ñandú\n";
        try (CsvRows rows = open(before + "3,\"q\"z,more\n4,d\n", STRICT)) {
            rows.reportRowProblems();
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(List.of(1L, 2L, 4L), Arrays.stream(batch.rowNumbers()).boxed().toList());
            assertEquals("{\"id\":4,\"name\":\"d\"}", batch.rows().get(2).toString());
            assertEquals(List.of(new RowProblem(3, 5L, utf8Bytes(before), null, null, "3,\"q\"z,more", RowReason.MALFORMED_CSV,
                    "CSV row 3 (line 5): text follows a closing quote on line 5 (a quoted value must end at a delimiter or the end of the line)")),
                    batch.problems());
            assertEquals(4, rows.rowsRead());
        }
    }

    @Test
    void aQuoteLeftOpenIsOneMalformedLineAndTheLinesAfterItAreRead() {
        try (CsvRows rows = open("id,name\n1,a\n2,\"b\n3,c\n4,d\n", STRICT)) {
            rows.reportRowProblems();
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(List.of("{\"id\":1,\"name\":\"a\"}", "{\"id\":3,\"name\":\"c\"}", "{\"id\":4,\"name\":\"d\"}"),
                    batch.rows().stream().map(Object::toString).toList());
            RowProblem problem = batch.problems().get(0);
            assertEquals(List.of(2L, 3L, 12L, "2,\"b"), List.of(problem.row(), problem.line(), problem.byteOffset(), problem.raw()));
            assertEquals("CSV row 2 (line 3): a quoted value opened on line 3 is never closed (the file ends inside quotes)",
                    problem.message());
        }
    }

    @Test
    void aStrayQuoteClosedByALaterOneMakesOneMalformedRecordOfTheLinesBetween() {
        try (CsvRows rows = open("id,name\n1,\"a\n2,b\n3,\"c\"\n4,d\n", STRICT)) {
            rows.reportRowProblems();
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(List.of("{\"id\":4,\"name\":\"d\"}"), batch.rows().stream().map(Object::toString).toList());
            assertEquals(List.of(2L), Arrays.stream(batch.rowNumbers()).boxed().toList());
            RowProblem problem = batch.problems().get(0);
            assertEquals(List.of(1L, 2L, "1,\"a\n2,b\n3,\"c\""), List.of(problem.row(), problem.line(), problem.raw()));
        }
    }

    @Test
    void aMalformedRowWithoutReportedProblemsFailsNamingRowAndLine() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> {
            try (CsvRows rows = open("id,name\n1,a\n\n2,\"b\"c\n", STRICT)) {
                rows.nextParsed(10);
            }
        });
        assertEquals("CSV row 2 (line 4): text follows a closing quote on line 4 (a quoted value must end at a delimiter"
                + " or the end of the line)", failure.getMessage());
    }

    @Test
    void aMalformedHeaderFailsTheLoad() {
        JobFailedException failure = assertThrows(JobFailedException.class, () -> open("id,\"na\"me\n1,a\n", STRICT));
        assertTrue(failure.getMessage().startsWith("The CSV header (line 1) cannot be read: text follows a closing quote"),
                failure::getMessage);
    }

    /** Rejects the cell "bad" of any attribute, as a declared type would. */
    private static final ValueCaster REJECTS_BAD = new ValueCaster() {
        private final ValueCaster harper = ValueCaster.harper();

        @Override
        public JsonNode castCell(String attribute, String cell) {
            if ("bad".equals(cell)) {
                throw new RowRejectedException(RowReason.NOT_CASTABLE, attribute, cell, "'bad' is not a number for " + attribute);
            }
            return harper.castCell(attribute, cell);
        }

        @Override
        public JsonNode castJson(String attribute, JsonNode value) {
            return value;
        }
    };

    @Test
    void aRejectedValueIsAFailedRowInItsBatch() {
        String before = "id,age\n1,4\n";
        try (CsvRows rows = CsvRows.open(new StringReader(before + "2,bad\n3,5\n"))) {
            rows.castWith(REJECTS_BAD);
            rows.reportRowProblems();
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(List.of(1L, 3L), Arrays.stream(batch.rowNumbers()).boxed().toList());
            assertEquals(List.of(new RowProblem(2, 3L, utf8Bytes(before), "age", "bad", "2,bad", RowReason.NOT_CASTABLE,
                    "'bad' is not a number for age")), batch.problems());
        }
    }

    @Test
    void aRejectedValueWithoutReportedProblemsFailsTheLoadWithTheCastersMessageAsHarperDoes() {
        try (CsvRows rows = CsvRows.open(new StringReader("id,age\n1,4\n2,bad\n"))) {
            rows.castWith(REJECTS_BAD);
            assertEquals("'bad' is not a number for age",
                    assertThrows(JobFailedException.class, () -> rows.nextParsed(10)).getMessage());
        }
    }

    @Test
    void cellsAreCastByTheLoadsCaster() {
        ValueCaster named = new ValueCaster() {
            @Override
            public JsonNode castCell(String attribute, String cell) {
                return TextNode.valueOf(attribute + "=" + cell);
            }

            @Override
            public JsonNode castJson(String attribute, JsonNode value) {
                return value;
            }
        };
        try (CsvRows rows = CsvRows.open(new StringReader("id,n\n1,2\n"))) {
            rows.castWith(named);
            assertEquals("{\"id\":\"id=1\",\"n\":\"n=2\"}", rows.next().toString());
        }
    }

    @Test
    void skipCountsAMalformedRowAmongTheCommittedOnes() {
        try (CsvRows rows = open("id\n1\n\"2\"x\n3\n", STRICT)) {
            assertEquals(2, rows.skip(2));
            assertEquals("{\"id\":3}", rows.next().toString());
            assertEquals(3, rows.rowsRead());
        }
    }

    /** Gives its text a few characters at a time, so records, CRLFs and pairs of surrogates straddle every read. */
    private static java.io.Reader trickling(String text, int chunk) {
        return new java.io.FilterReader(new StringReader(text)) {
            @Override
            public int read(char[] buffer, int offset, int count) throws java.io.IOException {
                return super.read(buffer, offset, Math.min(count, chunk));
            }
        };
    }

    @Test
    void placesStayExactFarIntoALongSourceReadInSmallPieces() {
        StringBuilder before = new StringBuilder("id,name\r\n");
        for (int i = 1; i <= 20_000; i++) {
            before.append(i).append(i % 100 == 0 ? ",\"Zoë\r\n🐕 \"\"quoted\"\"\"\r\n" : ",Müller\r\n");
        }
        String lines = before.toString();
        long expectedLine = lines.chars().filter(c -> c == '\n').count() + 1;
        for (int chunk : new int[] {7, 4096}) {
            try (CsvRows rows = CsvRows.open(trickling(lines + "20001,\"x\"y\r\n20002,b,extra\r\n", chunk), Long.MAX_VALUE, STRICT)) {
                rows.reportRowProblems();
                List<RowProblem> problems = new ArrayList<>();
                long read = 0;
                ParsedBatch batch;
                while (!(batch = rows.nextParsed(1000)).isEmpty()) {
                    problems.addAll(batch.problems());
                    read += batch.rows().size();
                }
                assertEquals(20_001, read);
                assertEquals(List.of(20_001L, expectedLine, utf8Bytes(lines), "20001,\"x\"y"), List.of(problems.get(0).row(),
                        problems.get(0).line(), problems.get(0).byteOffset(), problems.get(0).raw()));
                assertEquals(List.of(20_002L, expectedLine + 1, utf8Bytes(lines) + 12, "20002,b,extra"), List.of(problems.get(1).row(),
                        problems.get(1).line(), problems.get(1).byteOffset(), problems.get(1).raw()));
            }
        }
    }
}
