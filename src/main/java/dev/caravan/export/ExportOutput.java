package dev.caravan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.formats.RecordFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What an export writes: its format, gzip-compressed when the request says {@code "gzip": true}
 * (Caravan's own field). A compressed export is named with ".gz" after the format's extension and
 * goes to S3 as application/gzip: the object is a gzip file, and a Content-Encoding of gzip would
 * let HTTP clients hand back plain text under a ".gz" name.
 */
public record ExportOutput(RecordFormat format, boolean gzip) {
    static final String GZIP_FIELD = "gzip";
    private static final String GZIP_EXTENSION = ".gz";
    private static final String GZIP_MEDIA_TYPE = "application/gzip";
    private static final int GZIP_BUFFER = 1 << 16;

    /** The request's gzip field: absent is false; anything but true or false is a 400. */
    static boolean gzip(JsonNode field) {
        if (field == null) {
            return false;
        }
        if (!field.isBoolean()) {
            throw HarperException.badRequest("gzip must be true or false");
        }
        return field.booleanValue();
    }

    /** The output a job's stored request describes (the request was checked before it was stored). */
    static ExportOutput of(ObjectNode storedRequest) {
        return new ExportOutput(RecordFormat.named(storedRequest.path("format").asText()),
                storedRequest.path(GZIP_FIELD).asBoolean(false));
    }

    /** Into a request to store: only a compressed export says so, so plain ones are stored as before. */
    void storeIn(ObjectNode stored) {
        stored.put("format", format.label());
        if (gzip) {
            stored.put(GZIP_FIELD, true);
        }
    }

    public String extension() {
        return gzip ? format.extension() + GZIP_EXTENSION : format.extension();
    }

    /** The format's own rule (RecordFormat.withExtension), then ".gz": "x" and "x.csv" become "x.csv.gz"; "x.csv.gz" is kept. */
    public String fileName(String name) {
        if (!gzip) {
            return format.withExtension(name);
        }
        return name.endsWith(extension()) ? name : format.withExtension(name) + GZIP_EXTENSION;
    }

    public String mediaType() {
        return gzip ? GZIP_MEDIA_TYPE : format.mediaType();
    }

    /** The stream the format's writer writes to: the file's, or gzip over it (closing it ends the gzip member). */
    OutputStream encoded(OutputStream file) throws IOException {
        return gzip ? new GZIPOutputStream(file, GZIP_BUFFER) : file;
    }
}
