package dev.caravan.load;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The raw bytes of a job's source, counted and hashed as they are read (docs/decisions/0002-job-engine.md,
 * "Sources that change"): the count is the job's progress, the running SHA-256 at each committed batch is
 * its checkpoint. It also refuses what would silently load a different source: an end before the length
 * the source announced or had when the job started, more bytes than that, or (on a resume) bytes up to
 * the last checkpoint that hash differently. A cancel, a shutdown or a too-slow source aborts it from
 * another thread: a read blocked in the source fails at once and every later read throws that reason.
 */
public final class CountingInputStream extends FilterInputStream {
    private final MessageDigest digest = sha256();
    private volatile long count;
    private String name = "the source";
    private Long expectedLength;
    private SourceCheckpoint mustMatch;
    private Runnable endCheck = () -> { };
    private Runnable abortAction = this::closeQuietly;
    private volatile RuntimeException abortReason;
    private volatile boolean closed;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    /** How messages name the source, e.g. "The file '/srv/dogs.csv'". */
    CountingInputStream named(String sourceName) {
        this.name = sourceName;
        return this;
    }

    /** The source must end after exactly this many bytes (a file's size, an announced Content-Length). */
    CountingInputStream expectLength(Long length) {
        this.expectedLength = length;
        return this;
    }

    /** A resumed job: the bytes up to the last committed checkpoint must be the ones read before. */
    CountingInputStream mustMatch(SourceCheckpoint checkpoint) {
        this.mustMatch = checkpoint;
        return this;
    }

    /** Runs at the end of the source, e.g. to see that a file was not rewritten while it was read. */
    CountingInputStream atEnd(Runnable check) {
        this.endCheck = check;
        return this;
    }

    /** How to break a blocked read (closing the stream by default; an HTTP body aborts its connection). */
    CountingInputStream abortedBy(Runnable action) {
        this.abortAction = action;
        return this;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        failIfAborted();
        if (length == 0) {
            return 0;
        }
        int wanted = mustMatch != null && count < mustMatch.bytes()
                ? (int) Math.min(length, mustMatch.bytes() - count) : length;
        int n;
        try {
            n = super.read(buffer, offset, wanted);
        } catch (IOException | RuntimeException e) {
            failIfAborted(); // the abort's reason, not the "socket closed" it caused
            throw e;
        }
        failIfAborted();
        if (n > 0) {
            counted(buffer, offset, n);
        } else if (n < 0) {
            ended();
        }
        return n;
    }

    private void counted(byte[] buffer, int offset, int n) {
        digest.update(buffer, offset, n);
        count += n;
        if (mustMatch != null && count == mustMatch.bytes() && !mustMatch.hash().equals(hashNow())) {
            throw SourceChangedException.sinceStart(name + " does not hold the same bytes up to the last committed"
                    + " batch (" + mustMatch.bytes() + " bytes)");
        }
        if (expectedLength != null && count > expectedLength) {
            throw new SourceChangedException(name + " grew while it was loaded: more than the " + expectedLength
                    + " bytes it had when the job started");
        }
    }

    private void ended() {
        if (mustMatch != null && count < mustMatch.bytes()) {
            throw SourceChangedException.sinceStart(name + " now ends after " + count + " bytes, before the "
                    + mustMatch.bytes() + " bytes already read up to the last committed batch");
        }
        if (expectedLength != null && count < expectedLength) {
            throw new SourceChangedException(name + " ended after " + count + " of its " + expectedLength
                    + " bytes: it was truncated or replaced while it was loaded");
        }
        endCheck.run();
    }

    /** Reads instead of skipping so that every byte is hashed. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }

    /** Closed or aborted: nothing more will be read from it. */
    public boolean isOver() {
        return closed || abortReason != null;
    }

    /** Where the source stands now: bytes read and their hash (taken on the reading thread). */
    public SourceCheckpoint checkpoint() {
        return new SourceCheckpoint(count, hashNow());
    }

    /**
     * Stops the source from another thread: the next (or the blocked) read throws the reason. The job
     * ends as the reason says (cancelled, stopped for a shutdown, too slow) whatever the source does.
     */
    public void abort(RuntimeException reason) {
        if (abortReason != null) {
            return;
        }
        abortReason = reason;
        try {
            abortAction.run();
        } catch (RuntimeException e) {
            // the reason is recorded: the reader sees it at its next read
        }
    }

    private void failIfAborted() {
        RuntimeException reason = abortReason;
        if (reason != null) {
            throw reason;
        }
    }

    private String hashNow() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned in every JDK", e);
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // aborting: the reader fails either way
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
