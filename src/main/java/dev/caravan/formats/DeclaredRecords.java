package dev.caravan.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.JobFailedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A load's records made whole by the declared types, where the caster, which sees one value at a
 * time, cannot: a record without a key gets a string key when the key is typed String (as Harper
 * generates a UUID for it), and an insert's record must carry every attribute declared nullable:
 * false. A record without one fails (NULL_NOT_ALLOWED): reported in its batch once the load reports
 * row problems, otherwise the job fails with Harper's message, as Harper's insert does.
 */
public final class DeclaredRecords implements RecordSource {
    private final RecordSource source;
    private final DeclaredTypes types;
    private final boolean requireDeclared;
    private boolean reporting;

    /** requireDeclared: an insert, which needs every attribute declared nullable: false. */
    public DeclaredRecords(RecordSource source, DeclaredTypes types, boolean requireDeclared) {
        this.source = source;
        this.types = types;
        this.requireDeclared = requireDeclared;
    }

    @Override
    public List<ObjectNode> nextBatch(int max) {
        List<ObjectNode> rows = source.nextBatch(max);
        rows.forEach(this::requireOrFail);
        return rows;
    }

    @Override
    public ParsedBatch nextParsed(int max) {
        ParsedBatch batch = source.nextParsed(max);
        if (!reporting) {
            batch.rows().forEach(this::requireOrFail);
            return batch;
        }
        int[] kept = new int[batch.rows().size()];
        int count = 0;
        List<RowProblem> problems = new ArrayList<>(batch.problems());
        for (int i = 0; i < batch.rows().size(); i++) {
            ObjectNode row = batch.rows().get(i);
            try {
                complete(row);
                kept[count++] = i;
            } catch (RowRejectedException e) {
                problems.add(e.problem().at(batch.rowNumbers()[i], batch.line(i), batch.byteOffset(i),
                        source.recordText(row)));
            }
        }
        if (count == batch.rows().size()) {
            return batch;
        }
        problems.sort(Comparator.comparingLong(RowProblem::row));
        return batch.select(kept, count, problems);
    }

    private void complete(ObjectNode row) {
        types.fillStringKey(row);
        if (requireDeclared) {
            types.requireDeclared(row);
        }
    }

    private void requireOrFail(ObjectNode row) {
        try {
            complete(row);
        } catch (RowRejectedException e) {
            throw new JobFailedException(e.getMessage(), e);
        }
    }

    @Override
    public void reportRowProblems() {
        reporting = true;
        source.reportRowProblems();
    }

    @Override
    public void castWith(ValueCaster caster) {
        source.castWith(caster);
    }

    @Override
    public String headerText() {
        return source.headerText();
    }

    @Override
    public String recordText(ObjectNode record) {
        return source.recordText(record);
    }

    @Override
    public long rowsRead() {
        return source.rowsRead();
    }

    @Override
    public void close() {
        source.close();
    }
}
