package dev.caravan.load;

import dev.caravan.formats.RowProblem;
import dev.caravan.formats.RowReason;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * A load's failed rows as a file to fix and load again (rejects_path): each row as the source had it, in
 * the source's own format (CSV under the source's header, JSON one object a line), and beside it
 * (rejects_path + LoadOptions.REJECTS_INDEX_SUFFIX) where each came from, its Nth row for the Nth
 * rejected row: its row and line in the source, its reason and message. A row whose text the source
 * could not give (invalid JSON inside an array) is only in the row errors table. Rows are appended before their batch commits, and the lengths of both files
 * commit with the batch: a job resumed after a crash, or one that failed, cuts them back to what
 * committed, so the files hold exactly the failed rows the job counts.
 */
final class RejectsFile implements Closeable {
    private static final CSVFormat INDEX = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

    private final FileChannel rejects;
    private final FileChannel index;
    private final String header;

    private RejectsFile(FileChannel rejects, FileChannel index, String header) {
        this.rejects = rejects;
        this.index = index;
        this.header = header;
    }

    /** The files, cut back to the lengths the job committed (0 and 0 for a new job: they start afresh). */
    static RejectsFile open(Path path, String header, long committedBytes, long committedIndexBytes) {
        try {
            FileChannel rejects = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileChannel index = FileChannel.open(path.resolveSibling(path.getFileName() + LoadOptions.REJECTS_INDEX_SUFFIX),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            RejectsFile file = new RejectsFile(rejects, index, header);
            file.cutBackTo(committedBytes, committedIndexBytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file " + path, e);
        }
    }

    /** Drops what was written after these lengths; an empty file gets its header again. */
    void cutBackTo(long bytes, long indexBytes) {
        try {
            rejects.truncate(bytes);
            rejects.position(bytes);
            index.truncate(indexBytes);
            index.position(indexBytes);
            if (bytes == 0 && header != null) {
                write(rejects, header + "\n");
            }
            if (indexBytes == 0) {
                write(index, INDEX.format("source_row", "source_line", "reason", "message") + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file", e);
        }
    }

    /** Appends the failed rows among problems. */
    void append(List<RowProblem> problems) {
        try {
            for (RowProblem p : problems) {
                if (p.reason().kind() != RowReason.Kind.FAILED || p.raw() == null) {
                    continue;
                }
                write(rejects, p.raw() + "\n");
                write(index, INDEX.format(p.row(), p.line() == null ? "" : p.line(), p.reason().code(),
                        p.message()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file", e);
        }
    }

    long bytes() {
        try {
            return rejects.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long indexBytes() {
        try {
            return index.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(FileChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        try (rejects; index) {
            rejects.force(false); // the committed lengths say these rows are there
            index.force(false);
        }
    }
}
