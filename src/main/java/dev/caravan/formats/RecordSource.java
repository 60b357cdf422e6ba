package dev.caravan.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.util.List;

/** A stream of Harper records read from a source (CSV rows, JSON array elements, JSON lines), batch by batch. */
public interface RecordSource extends Closeable {
    /** Reads up to max records; an empty list means the source is exhausted. */
    List<ObjectNode> nextBatch(int max);

    /** Records read so far: the M of "successfully loaded N of M records". */
    long rowsRead();

    /** Closes the source; failures are unchecked (the job is ending anyway). */
    @Override
    void close();
}
