package dev.caravan.formats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Where a CSV source is, as lines (1-based; CR, LF and CRLF each end one) and as bytes of its
 * encoding: counted once over the text as the records pass (RecordWindow), so a row's problem can
 * name its line and byte offset. The bytes are those of the text encoded again, which are the
 * source's own for any well-formed source. (commons-csv's own byte tracking encodes each character
 * into a new buffer and misses the characters it reads in bulk, so it is not used.)
 */
final class SourcePlaces {
    private final RecordWindow text;
    private final ByteCount bytes;
    private long position;
    private long line = 1;
    private long byteOffset;

    SourcePlaces(RecordWindow text, Charset charset) {
        this.text = text;
        this.bytes = ByteCount.of(charset);
    }

    long position() {
        return position;
    }

    /** The line of the character at position(). */
    long line() {
        return line;
    }

    /** The byte offset of the character at position(). */
    long byteOffset() {
        return byteOffset;
    }

    /** The character at position(), or -1 at the end of the source. */
    int charAt() {
        return text.charAt(position);
    }

    /** Moves past the end of the given line (to the next line's start, or the end of the source). */
    void passLine(long lastLine) {
        while (line <= lastLine) {
            if (position >= text.end() && !text.fill()) {
                return;
            }
            char[] chars = text.chars();
            int from = text.index(position);
            int to = text.index(text.end());
            int i = from;
            while (i < to && line <= lastLine) {
                char c = chars[i];
                if (c == '\r' && i + 1 == to && !text.atEnd()) {
                    break; // a CR at the end of what is held: whether an LF follows decides
                }
                i++;
                if (c == '\n' || c == '\r' && (i == to || chars[i] != '\n')) {
                    line++;
                }
            }
            count(chars, from, i);
            if (line <= lastLine && i < to) {
                text.fill(); // moves the held text: counted above first
            }
        }
    }

    /** Moves past the lines a CSV parser passes over before a record: empty lines and comment lines. */
    void passIgnoredLines(Character commentMarker) {
        while (true) {
            int c = text.charAt(position);
            if (c == '\n' || c == '\r') {
                passLine(line);
            } else if (commentMarker != null && c == commentMarker) {
                passLine(line);
            } else {
                return;
            }
        }
    }

    /** Moves past the first count lines (skip_rows); fewer when the source has fewer. */
    void passLines(long count) {
        passLine(line + count - 1);
    }

    /** Moves past one character known to be held (a byte order mark). */
    void passChar() {
        text.charAt(position);
        count(text.chars(), text.index(position), text.index(position) + 1);
    }

    private void count(char[] chars, int from, int to) {
        byteOffset += bytes.of(chars, from, to);
        position += to - from;
    }

    /** The byte length of characters in one encoding. */
    private interface ByteCount {
        long of(char[] chars, int from, int to);

        static ByteCount of(Charset charset) {
            if (StandardCharsets.UTF_8.equals(charset)) {
                return ByteCount::utf8;
            }
            CharsetEncoder encoder = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
            if (encoder.maxBytesPerChar() == 1.0f) {
                return (chars, from, to) -> to - from;
            }
            return new Encoded(encoder);
        }

        private static long utf8(char[] chars, int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                char c = chars[i];
                n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3; // a surrogate pair: 4
            }
            return n;
        }
    }

    /** Any other encoding: one encoder over the whole text (it keeps its state from range to range). */
    private static final class Encoded implements ByteCount {
        private final CharsetEncoder encoder;
        private final ByteBuffer out = ByteBuffer.allocate(8192);

        Encoded(CharsetEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public long of(char[] chars, int from, int to) {
            CharBuffer in = CharBuffer.wrap(chars, from, to - from);
            long n = 0;
            CoderResult result;
            do {
                out.clear();
                result = encoder.encode(in, out, false);
                n += out.position();
            } while (result.isOverflow());
            return n;
        }
    }
}
