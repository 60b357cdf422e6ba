package dev.caravan.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.JobFailedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An insert load's records, each required to carry every attribute declared nullable: false: a cell
 * or field that is there is checked by the caster, one that is missing only here, once the record is
 * whole. A record without one fails (NULL_NOT_ALLOWED): reported in its batch once the load reports
 * row problems, otherwise the job fails with Harper's message, as Harper's insert does.
 */
public final class RequiredAttributes implements RecordSource {
    private final RecordSource source;
    private final DeclaredTypes types;
    private boolean reporting;

    public RequiredAttributes(RecordSource source, DeclaredTypes types) {
        this.source = source;
        this.types = types;
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
        List<ObjectNode> rows = new ArrayList<>(batch.rows().size());
        List<Long> numbers = new ArrayList<>(batch.rows().size());
        List<RowProblem> problems = new ArrayList<>(batch.problems());
        for (int i = 0; i < batch.rows().size(); i++) {
            try {
                types.requireDeclared(batch.rows().get(i));
                rows.add(batch.rows().get(i));
                numbers.add(batch.rowNumbers()[i]);
            } catch (RowRejectedException e) {
                problems.add(e.problem().at(batch.rowNumbers()[i], null, null, null));
            }
        }
        if (rows.size() == batch.rows().size()) {
            return batch;
        }
        problems.sort(Comparator.comparingLong(RowProblem::row));
        return new ParsedBatch(rows, numbers.stream().mapToLong(Long::longValue).toArray(), problems);
    }

    private void requireOrFail(ObjectNode row) {
        try {
            types.requireDeclared(row);
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
    public long rowsRead() {
        return source.rowsRead();
    }

    @Override
    public void close() {
        source.close();
    }
}
