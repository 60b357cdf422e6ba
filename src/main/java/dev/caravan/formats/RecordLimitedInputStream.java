package dev.caravan.formats;

import java.io.InputStream;
import org.apache.commons.io.input.ProxyInputStream;

/**
 * The byte counterpart of {@link RecordLimitedReader}, for parsers that read bytes (Jackson): the
 * record source reports where each record starts, and a read that would give the parser more than the
 * limit past that start fails with {@link RecordTooLongException}.
 */
public final class RecordLimitedInputStream extends ProxyInputStream {
    private final RecordSpan span;

    public RecordLimitedInputStream(InputStream in, long limit) {
        super(in);
        this.span = new RecordSpan(limit);
    }

    /** Where the source reports the start of each record, in bytes. */
    public RecordSpan span() {
        return span;
    }

    @Override
    protected void beforeRead(int n) {
        span.check();
    }

    @Override
    protected void afterRead(int n) {
        span.delivered(n);
    }
}
