package dev.caravan.load;

import java.time.Duration;

/**
 * The pace a URL source must keep (caravan.url.max-duration, caravan.url.min-bytes-per-second over
 * caravan.url.min-rate-window): the per-read timeout alone lets a server that sends a byte now and
 * then hold a worker for ever. Zero turns a rule off. Checked from a timer, not from the reads, so a
 * read that blocks is caught too.
 */
final class SourcePace {
    private final long maxNanos;
    private final long minBytesPerSecond;
    private final long windowNanos;
    private final long startNanos;
    private long windowStartNanos;
    private long windowStartBytes;

    SourcePace(Duration maxDuration, long minBytesPerSecond, Duration window, long startNanos) {
        this.maxNanos = maxDuration.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowNanos = window.toNanos();
        this.startNanos = startNanos;
        this.windowStartNanos = startNanos;
    }

    /** Why the source is too slow at this moment, having sent bytesRead bytes so far; null while it keeps up. */
    synchronized String violation(long nowNanos, long bytesRead) {
        if (maxNanos > 0 && nowNanos - startNanos > maxNanos) {
            return "the download took longer than " + Duration.ofNanos(maxNanos).toMillis()
                    + " ms (caravan.url.max-duration)";
        }
        if (minBytesPerSecond <= 0 || windowNanos <= 0 || nowNanos - windowStartNanos < windowNanos) {
            return null;
        }
        long sent = bytesRead - windowStartBytes;
        double seconds = (nowNanos - windowStartNanos) / 1e9;
        windowStartNanos = nowNanos;
        windowStartBytes = bytesRead;
        if (sent < minBytesPerSecond * seconds) {
            return String.format(java.util.Locale.ROOT,
                    "the source sent %d bytes in %.1f s, slower than %d bytes per second (caravan.url.min-bytes-per-second)",
                    sent, seconds, minBytesPerSecond);
        }
        return null;
    }
}
