package dev.caravan.formats;

import dev.caravan.jobs.JobFailedException;

/**
 * A record (CSV record, JSON line or array element) grew past caravan.load.max-record-bytes while it
 * was read. Thrown from inside the parser's read, so the parser never buffers more than the limit;
 * the record source turns it into a job message that names the record.
 */
public final class RecordTooLongException extends JobFailedException {
    private final long limit;

    public RecordTooLongException(long limit) {
        super("a record is longer than " + limit + " bytes (caravan.load.max-record-bytes)");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The job message: which record, and the limit. */
    public JobFailedException at(String record) {
        return new JobFailedException(record + " is longer than the limit of " + limit
                + " bytes (caravan.load.max-record-bytes)", this);
    }
}
