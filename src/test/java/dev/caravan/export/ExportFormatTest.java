package dev.caravan.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The format registry: names, media types, extensions, writers, and Harper's message for the rest. */
class ExportFormatTest {

    @Test
    void formatsAreNamedByTheirLowercaseNameOnly() {
        assertEquals(ExportFormat.JSON, ExportFormat.named("json"));
        assertEquals(ExportFormat.CSV, ExportFormat.named("csv"));
        assertEquals(ExportFormat.NDJSON, ExportFormat.named("ndjson"));
        assertNull(ExportFormat.named("NDJSON"));
        assertNull(ExportFormat.named("CSV"));
        assertNull(ExportFormat.named("xml"));
        assertNull(ExportFormat.named(""));
        assertNull(ExportFormat.named(null));
    }

    @Test
    void eachFormatCarriesItsMediaTypeAndExtension() {
        assertEquals("application/json", ExportFormat.JSON.mediaType());
        assertEquals(".json", ExportFormat.JSON.extension());
        assertEquals("text/csv", ExportFormat.CSV.mediaType());
        assertEquals(".csv", ExportFormat.CSV.extension());
        assertEquals("application/x-ndjson", ExportFormat.NDJSON.mediaType());
        assertEquals(".ndjson", ExportFormat.NDJSON.extension());
        assertEquals("x.ndjson", ExportFormat.NDJSON.withExtension("x"));
        assertEquals("x.ndjson", ExportFormat.NDJSON.withExtension("x.ndjson"));
    }

    @Test
    void eachFormatOpensItsOwnWriter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertInstanceOf(JsonExportWriter.class, ExportFormat.JSON.writer(out));
        assertInstanceOf(CsvExportWriter.class, ExportFormat.CSV.writer(out));
        assertInstanceOf(NdjsonExportWriter.class, ExportFormat.NDJSON.writer(out));
    }

    @Test
    void theUnknownFormatMessageIsHarpersAndListsHarpersFormatsOnly() {
        assertEquals("format invalid. must be one of the following values: json, csv", ExportFormat.invalidMessage());
    }
}
