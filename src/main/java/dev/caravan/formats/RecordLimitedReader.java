package dev.caravan.formats;

import java.io.Reader;
import org.apache.commons.io.input.ProxyReader;

/**
 * Stops a parser from buffering a record longer than a limit, in characters. It sits under the
 * parser's own buffers: the parser asks it for more input only once it has used all it was given, so
 * at each read the characters delivered since the end of the last record (which the record source
 * reports to {@link #span()}) are what the unfinished record holds. Past the limit the read fails
 * with {@link RecordTooLongException} instead of delivering more. The parser decides where a record
 * ends (quotes included), so a quoted field that spans lines is counted as one record.
 */
public final class RecordLimitedReader extends ProxyReader {
    private final RecordSpan span;

    public RecordLimitedReader(Reader in, long limit) {
        super(in);
        this.span = new RecordSpan(limit);
    }

    /** Where the source reports the end of each complete record, in characters. */
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
