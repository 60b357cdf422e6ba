package dev.caravan.formats;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The text a CSV parser reads, kept from the current record's start on: so the record source can
 * count lines and bytes over it (SourcePlaces), quote a record as it was written, and, after a
 * record with broken quoting, let a new parser read again from the line after it (commons-csv has
 * no way to resynchronise a parser). Positions are characters from the start of the source; what
 * lies before the last {@link #release} is gone. Holds about one record plus the parser's own
 * read-ahead, since the record length limit sits under it.
 */
final class RecordWindow extends Reader {
    private static final int CHUNK = 8192;

    private final Reader source;
    private char[] chars = new char[2 * CHUNK];
    /** Absolute position of chars[0]. */
    private long base;
    /** Characters held: chars[0, length) are positions [base, base + length). */
    private int length;
    /** Where the parser reads next. */
    private long readAt;
    /** Nothing before this is needed any more. */
    private long released;
    private boolean eof;

    RecordWindow(Reader source) {
        this.source = source;
    }

    /** The char at an absolute position, read from the source if need be; -1 past the end of the source. */
    int charAt(long position) {
        while (position >= end()) {
            if (!fill()) {
                return -1;
            }
        }
        return chars[index(position)];
    }

    /** The position after the last character read from the source so far. */
    long end() {
        return base + length;
    }

    /** True once the source's end was read. */
    boolean atEnd() {
        return eof;
    }

    /** The held characters, valid until the next fill(); index(position) finds one. */
    char[] chars() {
        return chars;
    }

    int index(long position) {
        return (int) (position - base);
    }

    /** Reads more of the source into the window; false at its end. */
    boolean fill() {
        if (eof) {
            return false;
        }
        makeRoom();
        try {
            int n = source.read(chars, length, chars.length - length);
            if (n < 0) {
                eof = true;
                return false;
            }
            length += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void makeRoom() {
        if (chars.length - length >= CHUNK) {
            return;
        }
        int drop = (int) (released - base);
        if (drop >= CHUNK) {
            System.arraycopy(chars, drop, chars, 0, length - drop);
            length -= drop;
            base += drop;
        } else {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
    }

    /** The parser reads on from this position (at or after the last release). */
    void seek(long position) {
        if (position < released || position > end()) {
            throw new IllegalArgumentException("position " + position + " is not held");
        }
        readAt = position;
    }

    /** Characters before this position will not be asked for again. */
    void release(long position) {
        released = Math.max(released, Math.min(position, readAt));
    }

    /** The text between two held positions. */
    String text(long from, long to) {
        return new String(chars, index(from), (int) (to - from));
    }

    @Override
    public int read(char[] buffer, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (readAt >= end() && !fill()) {
            return -1;
        }
        int n = (int) Math.min(count, end() - readAt);
        System.arraycopy(chars, index(readAt), buffer, offset, n);
        readAt += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
