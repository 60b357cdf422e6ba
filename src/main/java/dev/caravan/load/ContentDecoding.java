package dev.caravan.load;

import dev.caravan.formats.LoadFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Decodes an HTTP body by its Content-Encoding (gzip, deflate, or none), as HTTP clients do. */
final class ContentDecoding {
    private static final int BUFFER = 64 * 1024;

    private ContentDecoding() {
    }

    static InputStream decode(String contentEncoding, InputStream body, String failurePrefix) throws IOException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity", "" -> body;
            case "gzip", "x-gzip" -> new GZIPInputStream(body, BUFFER);
            case "deflate" -> new InflaterInputStream(body);
            default -> throw new LoadFailure(failurePrefix + "unsupported content encoding: " + contentEncoding);
        };
    }
}
