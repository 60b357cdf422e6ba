package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV dialect fields of a load request: how each one reads a source, and the 400 for each bad value. */
class CsvDialectTest {
    private static CsvDialect dialect(String fields) {
        return CsvDialect.of(CsvRowsTest.json(fields));
    }

    private static List<String> rows(String fields, String csv) {
        return rows(dialect(fields), csv.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rows(CsvDialect dialect, byte[] csv) {
        List<String> out = new ArrayList<>();
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(csv), Long.MAX_VALUE, dialect)) {
            rows.forEachRemaining(r -> out.add(r.toString()));
        }
        return out;
    }

    private static String badRequest(String fields) {
        HarperException e = assertThrows(HarperException.class, () -> dialect(fields));
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void noDialectFieldIsHarpersReading() {
        assertSame(CsvDialect.harper(), dialect("{\"operation\": \"csv_data_load\", \"table\": \"dog\"}"));
        assertFalse(CsvDialect.harper().isExplicit());
        assertFalse(CsvDialect.isGiven(CsvRowsTest.json("{\"delimiter\": null}")));
        assertTrue(dialect("{\"trim\": false}").isExplicit());
    }

    @Test
    void delimiterIsUsedInsteadOfDetected() {
        // detection would take the comma (two against one)
        assertEquals(List.of("{\"id\":1,\"name\":\"a,b,c\"}"), rows("{\"delimiter\": \";\"}", "id;name\n1;a,b,c\n"));
        assertEquals(List.of("{\"id\":1,\"name\":\"x\"}"), rows("{\"delimiter\": \"\\t\"}", "id\tname\n1\tx\n"));
    }

    @Test
    void quoteCharacterQuotes() {
        assertEquals(List.of("{\"id\":1,\"name\":\"a,b \\\"c\\\"\"}"), rows("{\"quote\": \"'\"}", "id,name\n1,'a,b \"c\"'\n"));
    }

    @Test
    void escapeCharacterEscapesTheQuoteAndTheDelimiter() {
        assertEquals(List.of("{\"id\":1,\"name\":\"say \\\"hi\\\", twice\"}"),
                rows("{\"escape\": \"\\\\\"}", "id,name\n1,\"say \\\"hi\\\", twice\"\n"));
        assertEquals(List.of("{\"id\":1,\"name\":\"a,b\"}"), rows("{\"escape\": \"\\\\\"}", "id,name\n1,a\\,b\n"));
    }

    @Test
    void withoutAHeaderTheColumnsNameTheAttributes() {
        assertEquals(List.of("{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}"),
                rows("{\"header\": false, \"columns\": [\"id\", \"name\"]}", "1,a\n2,b\n"));
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(new byte[0]), Long.MAX_VALUE,
                dialect("{\"header\": false, \"columns\": [\"id\", \"id\"]}"))) {
            assertEquals(List.of("id", "id_1"), rows.header().names()); // renamed as a header's would be
            assertFalse(rows.hasNext());
        }
    }

    @Test
    void skipRowsPassesLinesBeforeTheHeaderAndCountsThem() {
        String csv = "Exported by a tool\n\"with a, quote\n\nid;name\n1;a\n2;b;x\n";
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE,
                dialect("{\"skip_rows\": 3}"))) {
            assertEquals(List.of("id", "name"), rows.header().names()); // the delimiter detected past the skipped lines
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals("{\"id\":1,\"name\":\"a\"}", batch.rows().get(0).toString());
            RowProblem note = batch.problems().get(0);
            assertEquals(List.of(2L, 6L, (long) "Exported by a tool\n\"with a, quote\n\nid;name\n1;a\n".length()),
                    List.of(note.row(), note.line(), note.byteOffset()));
        }
    }

    @Test
    void nullValuesAreReadAsNull() {
        assertEquals(List.of("{\"id\":1,\"a\":null,\"b\":null,\"c\":\"NA \"}"),
                rows("{\"null_values\": [\"NA\", \"-\"]}", "id,a,b,c\n1,NA,-,NA \n"));
    }

    @Test
    void trimDropsSpacesAroundValuesAndQuotes() {
        assertEquals(List.of("{\"id\":1,\"name\":\"a b\",\"n\":7}"), rows("{\"trim\": true}", " id , name ,n\n 1 , \"a b\" ,  7\n"));
        assertEquals(List.of("{\"id\":1,\"name\":\" a \"}"), rows("{\"trim\": false}", "id,name\n1, a \n"));
    }

    @Test
    void encodingDecodesTheBytesAndByteOffsetsCountThem() {
        CsvDialect latin1 = dialect("{\"encoding\": \"ISO-8859-1\", \"delimiter\": \";\"}");
        assertEquals(Charset.forName("ISO-8859-1"), latin1.encoding());
        String before = "id;name\n1;café crème\n";
        byte[] csv = (before + "2;Müller;x\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("{\"id\":1,\"name\":\"café crème\"}", "{\"id\":2,\"name\":\"Müller\"}"), rows(latin1, csv));
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(csv), Long.MAX_VALUE, latin1)) {
            assertEquals((long) before.length(), rows.nextParsed(10).problems().get(0).byteOffset()); // one byte a letter
        }
        byte[] utf16 = "id,name\n1,Zoë\n2,b,x\n".getBytes(StandardCharsets.UTF_16LE);
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(utf16), Long.MAX_VALUE, dialect("{\"encoding\": \"UTF-16LE\"}"))) {
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals("{\"id\":1,\"name\":\"Zoë\"}", batch.rows().get(0).toString());
            assertEquals(2L * "id,name\n1,Zoë\n".length(), batch.problems().get(0).byteOffset());
        }
    }

    @Test
    void commentLinesAreSkippedAndStillCounted() {
        String csv = "# an export\nid,name\n# a note\n1,a\n\n#\n2,b,x\n";
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE,
                dialect("{\"comment\": \"#\"}"))) {
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(List.of("{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}"),
                    batch.rows().stream().map(Object::toString).toList());
            assertEquals(7L, batch.problems().get(0).line());
            assertEquals("2,b,x", batch.problems().get(0).raw());
        }
    }

    @Test
    void anExplicitDialectIsStrictAboutQuotes() {
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream("id,name\n1,\"a\"b\n2,c\n".getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE, dialect("{\"trim\": false}"))) {
            rows.reportRowProblems();
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals(RowReason.MALFORMED_CSV, batch.problems().get(0).reason());
            assertEquals(1, batch.rows().size());
        }
    }

    @Test
    void aResumedLoadSkipsItsCommittedRowsPastSkippedLinesAndWithoutAHeader() {
        String csv = "preamble\n1,a\n2,b\n3,c\n";
        try (CsvRows rows = CsvRows.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE,
                dialect("{\"skip_rows\": 1, \"header\": false, \"columns\": [\"id\", \"name\"]}"))) {
            assertEquals(2, rows.skip(2));
            ParsedBatch batch = rows.nextParsed(10);
            assertEquals("{\"id\":3,\"name\":\"c\"}", batch.rows().get(0).toString());
            assertEquals(3L, batch.rowNumbers()[0]);
        }
    }

    @Test
    void theStoredFieldsReadTheSameDialect() {
        JsonNode request = CsvRowsTest.json("{\"operation\": \"csv_file_load\", \"delimiter\": \"|\", \"header\": false,"
                + " \"columns\": [\"id\", \"v\"], \"null_values\": [\"\"], \"encoding\": \"latin1\"}");
        ObjectNode stored = HarperJson.object();
        CsvDialect.store(request, stored);
        assertEquals(CsvRowsTest.json("{\"delimiter\": \"|\", \"header\": false, \"columns\": [\"id\", \"v\"],"
                + " \"null_values\": [\"\"], \"encoding\": \"latin1\"}"), stored);
        String csv = "1|\n2|x\n";
        assertEquals(rows(CsvDialect.of(request), csv.getBytes(StandardCharsets.UTF_8)),
                rows(CsvDialect.of(stored), csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("{\"id\":1,\"v\":null}", "{\"id\":2,\"v\":\"x\"}"), rows(CsvDialect.of(stored), csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badValuesAre400sNamingTheField() {
        assertEquals("'delimiter' must be a string of one character", badRequest("{\"delimiter\": \";;\"}"));
        assertEquals("'delimiter' must be a string of one character", badRequest("{\"delimiter\": 1}"));
        assertEquals("'delimiter' cannot be a line break", badRequest("{\"delimiter\": \"\\n\"}"));
        assertEquals("'quote' must be a string of one character", badRequest("{\"quote\": \"\"}"));
        assertEquals("'escape' must be a string of one character", badRequest("{\"escape\": true}"));
        assertEquals("'comment' must be a string of one character", badRequest("{\"comment\": \"//\"}"));
        assertEquals("'header' must be true or false", badRequest("{\"header\": \"no\"}"));
        assertEquals("'trim' must be true or false", badRequest("{\"trim\": 1}"));
        assertEquals("'skip_rows' must be a whole number of lines, 0 or more", badRequest("{\"skip_rows\": -1}"));
        assertEquals("'skip_rows' must be a whole number of lines, 0 or more", badRequest("{\"skip_rows\": \"2\"}"));
        assertEquals("'skip_rows' must be a whole number of lines, 0 or more", badRequest("{\"skip_rows\": 1.5}"));
        assertEquals("'null_values' must be a non-empty array of strings", badRequest("{\"null_values\": \"NA\"}"));
        assertEquals("'null_values' must be a non-empty array of strings", badRequest("{\"null_values\": [1]}"));
        assertTrue(badRequest("{\"encoding\": \"klingon\"}").startsWith("'encoding' must name a character set"));
        assertTrue(badRequest("{\"encoding\": \"not a name!\"}").startsWith("'encoding' must name a character set"));
        assertEquals("'columns' is required when 'header' is false: it names the attributes", badRequest("{\"header\": false}"));
        assertTrue(badRequest("{\"columns\": [\"id\"]}").startsWith("'columns' is only read with 'header': false"));
        assertEquals("'columns' must be a non-empty array of strings", badRequest("{\"header\": false, \"columns\": []}"));
        assertEquals("'columns': Invalid column name 's/x', cancelling load operation",
                badRequest("{\"header\": false, \"columns\": [\"id\", \"s/x\"]}"));
        assertTrue(badRequest("{\"delimiter\": \";\", \"quote\": \";\"}").startsWith("The CSV dialect is not usable: "));
        assertEquals("'delimiter' must be a string of one character. 'trim' must be true or false",
                badRequest("{\"delimiter\": \"ab\", \"trim\": \"yes\"}"));
    }
}
