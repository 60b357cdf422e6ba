package dev.caravan.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.formats.ExportWriter;
import dev.caravan.formats.RecordFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** An export's format with or without gzip: names, media types, the stored request and the bytes. */
class ExportOutputTest {
    private static final ExportOutput CSV_GZ = new ExportOutput(RecordFormat.CSV, true);
    private static final ExportOutput CSV = new ExportOutput(RecordFormat.CSV, false);

    @Test
    void gzipAddsGzAfterTheFormatsExtensionOnce() {
        assertEquals("x.csv.gz", CSV_GZ.fileName("x"));
        assertEquals("x.csv.gz", CSV_GZ.fileName("x.csv"));
        assertEquals("x.csv.gz", CSV_GZ.fileName("x.csv.gz"));
        assertEquals("x.gz.csv.gz", CSV_GZ.fileName("x.gz"));
        assertEquals("x.json.csv.gz", CSV_GZ.fileName("x.json"));
        assertEquals(".csv.gz", CSV_GZ.extension());
        assertEquals("x.ndjson.gz", new ExportOutput(RecordFormat.NDJSON, true).fileName("x"));
    }

    @Test
    void withoutGzipNamesAreTheFormatsOwn() {
        assertEquals("x.csv", CSV.fileName("x"));
        assertEquals("x.csv", CSV.fileName("x.csv"));
        assertEquals("x.csv.gz.csv", CSV.fileName("x.csv.gz"));
        assertEquals(".csv", CSV.extension());
    }

    @Test
    void aCompressedExportIsAGzipFileAPlainOneItsFormatsType() {
        assertEquals("application/gzip", CSV_GZ.mediaType());
        assertEquals("text/csv", CSV.mediaType());
        assertEquals("application/x-ndjson", new ExportOutput(RecordFormat.NDJSON, false).mediaType());
    }

    @Test
    void gzipTakesTrueOrFalseOnly() {
        assertTrue(ExportOutput.gzip(HarperJson.MAPPER.getNodeFactory().booleanNode(true)));
        assertFalse(ExportOutput.gzip(HarperJson.MAPPER.getNodeFactory().booleanNode(false)));
        assertFalse(ExportOutput.gzip(null));
        for (String bad : new String[] {"\"true\"", "1", "0", "\"\"", "{}", "[true]"}) {
            HarperException e = assertThrows(HarperException.class, () -> ExportOutput.gzip(parse(bad)), bad);
            assertEquals(400, e.status());
            assertEquals("gzip must be true or false", e.getMessage());
        }
    }

    @Test
    void theStoredRequestSaysGzipOnlyWhenCompressed() {
        ObjectNode plain = HarperJson.object();
        CSV.storeIn(plain);
        assertEquals("{\"format\":\"csv\"}", HarperJson.write(plain));
        assertEquals(CSV, ExportOutput.of(plain));
        ObjectNode compressed = HarperJson.object();
        CSV_GZ.storeIn(compressed);
        assertEquals("{\"format\":\"csv\",\"gzip\":true}", HarperJson.write(compressed));
        assertEquals(CSV_GZ, ExportOutput.of(compressed));
    }

    @Test
    void theEncodedStreamIsOneGzipMemberOfTheWritersBytes() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream out = CSV_GZ.encoded(file)) {
            ExportWriter writer = RecordFormat.NDJSON.writer(out);
            writer.accept((ObjectNode) parse("{\"id\":1,\"s\":\"é\"}"));
            writer.finish();
        }
        byte[] bytes = file.toByteArray();
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            assertEquals("{\"id\":1,\"s\":\"é\"}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        assertSame(plain, CSV.encoded(plain), "without gzip the writer writes the file's own stream");
    }

    private static JsonNode parse(String json) {
        try {
            return HarperJson.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
