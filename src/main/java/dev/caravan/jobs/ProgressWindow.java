package dev.caravan.jobs;

/**
 * A running job's committed counts over its last seconds, for its recent pace (ProgressRate): a small
 * ring of (time, rows, bytes) samples, one kept per SPACING at most, so recording each batch and reading
 * the pace on the HTTP event loop (api/EventLoopAnswers) each cost a few array reads under a lock held
 * for no longer than that.
 */
final class ProgressWindow {
    /** How far back the recent pace looks. */
    static final long WINDOW_NANOS = 10_000_000_000L;
    private static final long SPACING_NANOS = WINDOW_NANOS / 40;
    /** Enough samples at SPACING to reach past the window. */
    private static final int SIZE = 64;

    private final long[] times = new long[SIZE];
    private final long[] rows = new long[SIZE];
    private final long[] bytes = new long[SIZE];
    private int newest = -1;
    private int count;

    ProgressWindow(long nanos, long rowsRead, long bytesRead) {
        add(nanos, rowsRead, bytesRead);
    }

    /** Counts committed at nanos (System.nanoTime); a sample closer than SPACING to the one before replaces the newest. */
    synchronized void add(long nanos, long rowsRead, long bytesRead) {
        boolean replaceNewest = count >= 2 && times[newest] - times[previous(newest)] < SPACING_NANOS;
        if (!replaceNewest) {
            newest = (newest + 1) % SIZE;
            count = Math.min(count + 1, SIZE);
        }
        times[newest] = nanos;
        rows[newest] = rowsRead;
        bytes[newest] = bytesRead;
    }

    /**
     * The pace from the newest sample at least WINDOW before nowNanos (or the oldest, early in the run) to
     * now: a job that stopped committing slows down in it, as it does.
     */
    synchronized ProgressRate rate(long nowNanos, Long bytesLeft) {
        int base = newest;
        for (int i = 1; i < count; i++) {
            base = previous(base);
            if (nowNanos - times[base] >= WINDOW_NANOS) {
                break;
            }
        }
        return ProgressRate.of(rows[newest] - rows[base], bytes[newest] - bytes[base],
                (nowNanos - times[base]) / 1e9, bytesLeft);
    }

    private static int previous(int slot) {
        return (slot + SIZE - 1) % SIZE;
    }
}
