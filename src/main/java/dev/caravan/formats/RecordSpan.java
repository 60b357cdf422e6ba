package dev.caravan.formats;

/**
 * How much input a parser has been given since the last record boundary the record source reported,
 * against the longest record allowed (caravan.load.max-record-bytes). Shared by
 * {@link RecordLimitedReader} and {@link RecordLimitedInputStream}.
 */
public final class RecordSpan {
    private final long limit;
    private long delivered;
    private long boundary;

    RecordSpan(long limit) {
        this.limit = limit;
    }

    /** A record boundary at this position (units from the start); positions only move forward. */
    public void boundaryAt(long position) {
        boundary = Math.max(boundary, position);
    }

    /** The last boundary reported. */
    public long boundary() {
        return boundary;
    }

    public long limit() {
        return limit;
    }

    void delivered(int n) {
        if (n > 0) {
            delivered += n;
        }
    }

    /** Before the parser is given more: the unfinished record must not already be past the limit. */
    void check() {
        if (delivered - boundary > limit) {
            throw new RecordTooLongException(limit);
        }
    }
}
