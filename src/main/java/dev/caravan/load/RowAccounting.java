package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.formats.ParsedBatch;
import dev.caravan.formats.RowProblem;
import dev.caravan.formats.RowReason;
import dev.caravan.jobs.RowErrorStore;
import dev.caravan.jobs.RowOutcomes;
import dev.caravan.store.RecordOutcome;
import dev.caravan.store.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Gives every row of a batch its one outcome (docs/row-outcomes.md): before the write, which rows go to
 * the store and where the error policy stops the job; after it, the counts per outcome and reason and
 * the row errors to record, at most maxRowErrors per job (the counts stay exact beyond).
 */
public final class RowAccounting {
    private final RowErrorStore rowErrors;
    private final long maxRowErrors;

    public RowAccounting(RowErrorStore rowErrors, long maxRowErrors) {
        this.rowErrors = rowErrors;
        this.maxRowErrors = maxRowErrors;
    }

    /** Records the batch's row errors on its connection, inside its transaction. */
    public void record(Connection c, String jobId, Accounted accounted) throws SQLException {
        rowErrors.record(c, jobId, accounted.recorded());
    }

    /**
     * What of a batch is written: its records (those with an error policy that the store could not take
     * removed), the problems of its rows in row order, and the failed row the job stops at (null to go
     * on), with nothing after that row kept.
     */
    public record Plan(ParsedBatch kept, RowProblem stop, long rowsReadAtEnd) {
        public List<ObjectNode> rows() {
            return kept.rows();
        }

        public List<RowProblem> problems() {
            return kept.problems();
        }
    }

    /** What a batch did to the job's counts, and the row errors it records. */
    public record Accounted(RowOutcomes outcomes, List<ObjectNode> recorded, long failed, long skipped) {
    }

    public Plan plan(RowBatch batch, LoadContext load) {
        ParsedBatch parsed = batch.parsed();
        List<ObjectNode> rows = parsed.rows();
        long[] numbers = parsed.rowNumbers();
        List<RowProblem> problems = new ArrayList<>(parsed.problems());
        int[] kept = new int[rows.size()];
        int count = 0;
        String pk = load.table().primaryKey();
        for (int i = 0; i < rows.size(); i++) {
            RowProblem problem = load.policy().reportsRows() ? RowChecks.check(rows.get(i), pk, load.action()) : null;
            if (problem == null) {
                kept[count++] = i;
            } else {
                problems.add(problem.at(numbers[i], parsed.line(i), parsed.byteOffset(i), load.rowText(rows.get(i))));
            }
        }
        if (count < rows.size()) {
            problems.sort(Comparator.comparingLong(RowProblem::row));
        }
        RowProblem stop = stopAt(problems, load.policy(), load.committed().rowsFailed());
        if (stop == null) {
            return new Plan(count < rows.size() ? parsed.select(kept, count, problems) : parsed, null,
                    batch.rowsReadAtEnd());
        }
        int beforeStop = 0;
        while (beforeStop < count && numbers[kept[beforeStop]] < stop.row()) {
            beforeStop++;
        }
        List<RowProblem> upToStop = new ArrayList<>();
        for (RowProblem p : problems) {
            if (p.row() <= stop.row()) {
                upToStop.add(p);
            }
        }
        return new Plan(parsed.select(kept, beforeStop, upToStop), stop, stop.row());
    }

    /** abort: the first failed row; continue: the failed row past max_bad_records, if this batch has it. */
    private static RowProblem stopAt(List<RowProblem> problems, ErrorPolicy policy, long failedBefore) {
        if (policy.mode() == ErrorPolicy.Mode.HARPER) {
            return null;
        }
        long failed = failedBefore;
        for (RowProblem p : problems) {
            if (p.reason().kind() != RowReason.Kind.FAILED) {
                continue;
            }
            failed++;
            if (policy.mode() == ErrorPolicy.Mode.ABORT || policy.exceeded(failed, 0, false) != null) {
                return p;
            }
        }
        return null;
    }

    /** Counts the batch's outcomes once written (result: the write's, one outcome per planned row). */
    public Accounted account(Plan plan, WriteResult result, RowOutcomes before, long rejectsBytes, long indexBytes,
                             Function<ObjectNode, String> rawText) {
        RowOutcomes.Tally tally = new RowOutcomes.Tally();
        List<ObjectNode> recorded = new ArrayList<>();
        long room = Math.max(0, maxRowErrors - before.errorsRecorded());
        int nextProblem = 0;
        List<RowProblem> problems = plan.problems();
        ParsedBatch kept = plan.kept();
        for (int i = 0; i < kept.rows().size(); i++) {
            long row = kept.rowNumbers()[i];
            while (nextProblem < problems.size() && problems.get(nextProblem).row() < row) {
                room = count(problems.get(nextProblem++), null, tally, recorded, room);
            }
            RecordOutcome outcome = result.outcomes().get(i);
            String outcomeName = outcome(outcome);
            while (nextProblem < problems.size() && problems.get(nextProblem).row() == row) {
                room = count(problems.get(nextProblem++), outcomeName, tally, recorded, room); // a note on this row
            }
            switch (outcome) {
                case INSERTED -> tally.inserted();
                case UPDATED -> tally.updated();
                case UNCHANGED -> tally.unchanged();
                default -> {
                    RowReason reason = reason(outcome);
                    tally.skipped(reason.code());
                    if (room > 0) {
                        recorded.add(RowErrorStore.error(row, kept.line(i), kept.byteOffset(i), "skipped", reason.code(),
                                null, null, rawText.apply(kept.rows().get(i)), skipMessage(reason)));
                        room--;
                    }
                }
            }
        }
        while (nextProblem < problems.size()) {
            room = count(problems.get(nextProblem++), null, tally, recorded, room);
        }
        return new Accounted(before.plus(tally, recorded, rejectsBytes, indexBytes), recorded, tally.failed(),
                result.skippedKeys().size());
    }

    /** A problem's row: failed (not among the written rows), or a note on a written row (outcome given). */
    private static long count(RowProblem p, String writtenAs, RowOutcomes.Tally tally, List<ObjectNode> recorded,
                              long room) {
        String outcome;
        if (p.reason().kind() == RowReason.Kind.FAILED) {
            tally.failed(p.reason().code());
            outcome = "failed";
        } else {
            tally.reason(p.reason().code());
            outcome = writtenAs == null ? "failed" : writtenAs;
        }
        if (room <= 0) {
            return room;
        }
        recorded.add(RowErrorStore.error(p.row(), p.line(), p.byteOffset(), outcome, p.reason().code(), p.column(),
                p.value(), p.raw(), p.message()));
        return room - 1;
    }

    private static String outcome(RecordOutcome outcome) {
        return outcome.written() ? outcome.name().toLowerCase(Locale.ROOT) : "skipped";
    }

    private static RowReason reason(RecordOutcome outcome) {
        return switch (outcome) {
            case KEY_EXISTS -> RowReason.KEY_EXISTS;
            case KEY_NOT_FOUND -> RowReason.KEY_NOT_FOUND;
            case DUPLICATE_KEY -> RowReason.DUPLICATE_KEY;
            default -> throw new IllegalArgumentException(outcome + " is not a skip");
        };
    }

    private static String skipMessage(RowReason reason) {
        return switch (reason) {
            case KEY_EXISTS -> "a record with this primary key is already in the table (insert skips it)";
            case KEY_NOT_FOUND -> "no record with this primary key is in the table (update skips it)";
            default -> "an earlier row of this load has the same primary key (insert keeps the first)";
        };
    }
}
