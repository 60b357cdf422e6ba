package caravan.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A large input generated on the fly: a head, a unit repeated many times, a tail. Tests stream it to
 * the server (request bodies, HTTP answers) without ever holding it, or gzip it into a small bomb.
 */
public final class RepeatedStream extends InputStream {
    private final byte[][] parts;
    private final long units;
    private int part;
    private long unitsLeft;
    private int position;

    public RepeatedStream(String head, String unit, long units, String tail) {
        this.parts = new byte[][] {bytes(head), bytes(unit), bytes(tail)};
        this.units = units;
        this.unitsLeft = units;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The total length in bytes. */
    public long length() {
        return parts[0].length + parts[1].length * units + parts[2].length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int copied = 0;
        while (copied < length && part < 3) {
            byte[] current = parts[part];
            if (position < current.length && (part != 1 || unitsLeft > 0)) {
                int n = Math.min(length - copied, current.length - position);
                System.arraycopy(current, position, buffer, offset + copied, n);
                position += n;
                copied += n;
                continue;
            }
            position = 0;
            if (part == 1 && --unitsLeft > 0) {
                continue;
            }
            part++;
        }
        return copied == 0 && length > 0 ? -1 : copied;
    }

    /** Writes the whole stream to out, in large chunks. */
    public void writeTo(OutputStream out) throws IOException {
        transferTo(out);
    }

    /** The stream gzipped (what it compresses to is small; the stream itself is never held). */
    public byte[] gzipped() {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped, 1 << 16)) {
            transferTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }
}
