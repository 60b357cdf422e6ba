package dev.caravan.load;

import dev.caravan.jobs.JobFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gunzips a source, and stops with a job error when the data expands more than a ratio or past a
 * size: a few megabytes of gzip cannot become gigabytes of input. The ratio is the inflater's own
 * (bytes out per compressed byte it consumed, per gzip member), so read-ahead does not blur it; it is
 * judged only past {@link #RATIO_FLOOR} bytes out, so a small, very compressible source is fine.
 */
public final class BoundedGzipInputStream extends GZIPInputStream {
    static final long RATIO_FLOOR = 1024 * 1024;

    private final long maxRatio;
    private final long maxBytes;
    private long inflated;

    /**
     * @param maxRatio largest inflated/compressed ratio; 0 = none
     * @param maxBytes largest inflated size; 0 = none
     */
    public BoundedGzipInputStream(InputStream compressed, int bufferSize, long maxRatio, long maxBytes) throws IOException {
        super(compressed, bufferSize);
        this.maxRatio = maxRatio;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            inflated += n;
            check();
        }
        return n;
    }

    private void check() {
        if (maxBytes > 0 && inflated > maxBytes) {
            throw new JobFailedException("The gzip data expands to more than " + maxBytes
                    + " bytes (caravan.load.max-inflated-bytes)");
        }
        long out = inf.getBytesWritten();
        long in = Math.max(1, inf.getBytesRead());
        if (maxRatio > 0 && out > RATIO_FLOOR && out / in > maxRatio) {
            throw new JobFailedException("The gzip data expands more than " + maxRatio + " times (" + in + " bytes gave "
                    + out + "; caravan.load.max-inflate-ratio): refused as a decompression bomb");
        }
    }
}
