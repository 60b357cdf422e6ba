package dev.caravan.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The format registry: names, media types, extensions, writers, and Harper's message for the rest. */
class RecordFormatTest {

    @Test
    void formatsAreNamedByTheirLowercaseNameOnly() {
        assertEquals(RecordFormat.JSON, RecordFormat.named("json"));
        assertEquals(RecordFormat.CSV, RecordFormat.named("csv"));
        assertEquals(RecordFormat.NDJSON, RecordFormat.named("ndjson"));
        assertNull(RecordFormat.named("NDJSON"));
        assertNull(RecordFormat.named("CSV"));
        assertNull(RecordFormat.named("xml"));
        assertNull(RecordFormat.named(""));
        assertNull(RecordFormat.named(null));
    }

    @Test
    void eachFormatCarriesItsMediaTypeAndExtension() {
        assertEquals("application/json", RecordFormat.JSON.mediaType());
        assertEquals(".json", RecordFormat.JSON.extension());
        assertEquals("text/csv", RecordFormat.CSV.mediaType());
        assertEquals(".csv", RecordFormat.CSV.extension());
        assertEquals("application/x-ndjson", RecordFormat.NDJSON.mediaType());
        assertEquals(".ndjson", RecordFormat.NDJSON.extension());
        assertEquals("x.ndjson", RecordFormat.NDJSON.withExtension("x"));
        assertEquals("x.ndjson", RecordFormat.NDJSON.withExtension("x.ndjson"));
    }

    @Test
    void eachFormatOpensItsOwnWriter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertInstanceOf(JsonExportWriter.class, RecordFormat.JSON.writer(out));
        assertInstanceOf(CsvExportWriter.class, RecordFormat.CSV.writer(out));
        assertInstanceOf(NdjsonExportWriter.class, RecordFormat.NDJSON.writer(out));
    }

    @Test
    void theUnknownFormatMessageIsHarpersAndListsHarpersFormatsOnly() {
        assertEquals("format invalid. must be one of the following values: json, csv", RecordFormat.invalidMessage());
    }
}
