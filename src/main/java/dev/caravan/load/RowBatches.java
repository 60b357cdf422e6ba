package dev.caravan.load;

import dev.caravan.formats.ParsedBatch;
import dev.caravan.formats.RecordSource;
import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Batches of records, parsed ahead on another thread: reading and casting the source overlaps with
 * writing the previous batch to Derby, so a load uses both cores. One batch waits (the writer, being
 * the slower, always finds one): every batch held is copied by each young collection, which pauses
 * every request the server is answering.
 */
public final class RowBatches implements Iterator<RowBatch>, Closeable {
    private static final Object END = new Object();
    private static final int AHEAD = 1;
    private static final long STOP_CHECK_MILLIS = 200;

    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
    private final Future<?> reader;
    private final Runnable stopCheck;
    private final boolean deferFailure;
    private Object next;
    private RuntimeException deferred;

    private record Failure(RuntimeException error) {
    }

    /**
     * stopCheck throws when the job must stop (a cancel, a shutdown); it runs while waiting for rows too.
     * deferFailure: the source's failure ends the batches and is thrown by {@link #rethrowDeferred}. A
     * load that reports rows needs it: Camel's split asks hasNext() before it writes the batch just
     * taken, and a failure thrown there would drop that batch with its failed rows.
     */
    public RowBatches(RecordSource rows, CountingInputStream input, int batchSize, ExecutorService executor,
                      Runnable stopCheck, boolean deferFailure) {
        this.stopCheck = stopCheck;
        this.deferFailure = deferFailure;
        this.reader = executor.submit(() -> read(rows, input, batchSize));
    }

    private void read(RecordSource rows, CountingInputStream input, int batchSize) {
        try {
            while (true) {
                ParsedBatch batch = rows.nextParsed(batchSize);
                if (batch.isEmpty()) {
                    ready.put(END);
                    return;
                }
                SourceCheckpoint at = input == null ? new SourceCheckpoint(0, null) : input.checkpoint();
                ready.put(new RowBatch(batch, rows.rowsRead(), at.bytes(), at.hash()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer
        } catch (RuntimeException | Error e) {
            fail(e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e));
        }
    }

    /** Waits for room like a batch does: with a batch waiting, an offer would lose the failure. */
    private void fail(RuntimeException error) {
        try {
            ready.put(new Failure(error));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer, which no longer waits
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            try {
                next = ready.poll(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for rows", e);
            }
            if (next == null) {
                stopCheck.run(); // a source that sends nothing must not hold the job past a cancel
                if (reader.isDone() && ready.isEmpty()) {
                    throw new IllegalStateException("the source's reader stopped without an end or an error");
                }
            }
        }
        if (next instanceof Failure failure) {
            if (!deferFailure) {
                throw failure.error();
            }
            deferred = failure.error();
            next = END;
        }
        return next != END;
    }

    @Override
    public RowBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RowBatch batch = (RowBatch) next;
        next = null;
        return batch;
    }

    /** Throws the source's failure that ended the batches, if one did (deferFailure). */
    public void rethrowDeferred() {
        if (deferred != null) {
            throw deferred;
        }
    }

    /** Stops reading ahead (the job ended or failed). */
    @Override
    public void close() {
        reader.cancel(true);
        ready.clear();
    }
}
