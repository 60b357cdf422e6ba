package dev.caravan.load;

import dev.caravan.jobs.JobFailedException;
import java.io.IOException;
import java.io.InputStream;

/**
 * How far a gzip source may expand (caravan.load.max-inflate-ratio, caravan.load.max-inflated-bytes):
 * every gzip source of a load (a ".gz" S3 object, a gzip-encoded URL answer) is opened here.
 */
public record InflationLimits(long maxRatio, long maxBytes) {
    private static final int GZIP_BUFFER = 64 * 1024;

    /** The gunzipped, bounded stream over a compressed source. */
    public InputStream gunzip(InputStream compressed, String source) {
        try {
            return new BoundedGzipInputStream(compressed, GZIP_BUFFER, maxRatio, maxBytes);
        } catch (IOException e) {
            throw new JobFailedException(source + " is not gzip data (" + e.getMessage() + ")", e);
        }
    }
}
