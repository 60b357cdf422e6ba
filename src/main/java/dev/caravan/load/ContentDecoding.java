package dev.caravan.load;

import dev.caravan.jobs.JobFailedException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Decodes an HTTP body by its Content-Encoding: gzip within the inflation limits, or none. Deflate and
 * br are refused: only gzip has a decoder here that bounds what it expands to.
 */
final class ContentDecoding {
    private ContentDecoding() {
    }

    static InputStream decode(String contentEncoding, InputStream body, InflationLimits inflation, String failurePrefix) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity", "" -> body;
            case "gzip", "x-gzip" -> inflation.gunzip(body, "The answer");
            default -> throw new JobFailedException(failurePrefix + "unsupported content encoding: " + contentEncoding);
        };
    }
}
