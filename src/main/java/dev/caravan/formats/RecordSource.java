package dev.caravan.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.io.Closeable;
import java.util.List;

/** A stream of Harper records read from a source (CSV rows, JSON array elements, JSON lines), batch by batch. */
public interface RecordSource extends Closeable {
    /** Reads up to max records; an empty list means the source is exhausted. */
    List<ObjectNode> nextBatch(int max);

    /**
     * Reads up to max rows with their row numbers and problems; an empty batch means the source is
     * exhausted. A source that finds no problems of its own numbers its records one after the other.
     */
    default ParsedBatch nextParsed(int max) {
        List<ObjectNode> rows = nextBatch(max);
        return ParsedBatch.contiguous(rows, rowsRead() - rows.size() + 1);
    }

    /**
     * From now on, a row that cannot be made a record is reported in its batch's problems (RowReason
     * kind FAILED) instead of failing the load with Harper's message: the load has an error policy.
     */
    default void reportRowProblems() {
    }

    /** From now on, values are cast by this caster instead of Harper's (declared types, a load's types field). */
    default void castWith(ValueCaster caster) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no casting of its own");
    }

    /** Records read so far: the M of "successfully loaded N of M records". */
    long rowsRead();

    /** What a file of this source's rows starts with, in its own format (a CSV header line), or null. */
    default String headerText() {
        return null;
    }

    /** A record as a row of this source's own format (a JSON line by default), for a rejects file. */
    default String recordText(ObjectNode record) {
        return HarperJson.write(record);
    }

    /** Closes the source; failures are unchecked (the job is ending anyway). */
    @Override
    void close();
}
