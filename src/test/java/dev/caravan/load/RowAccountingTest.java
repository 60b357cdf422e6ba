package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.formats.ParsedBatch;
import dev.caravan.formats.RowProblem;
import dev.caravan.formats.RowReason;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStatus;
import dev.caravan.jobs.RowOutcomes;
import dev.caravan.store.RecordOutcome;
import dev.caravan.store.TableMeta;
import dev.caravan.store.WriteAction;
import dev.caravan.store.WriteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each row's one outcome: where a batch is cut by the error policy, and what it adds to the job's counts. */
class RowAccountingTest {
    private static final TableMeta TABLE = new TableMeta("t", "ref", "dogs", "id", "D1", "T1", 1, new LinkedHashMap<>());
    private final RowAccounting accounting = new RowAccounting(null, 1000);

    private static ObjectNode row(String json) {
        try {
            return (ObjectNode) HarperJson.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static ObjectNode row(long id) {
        return row("{\"id\":" + id + ",\"name\":\"n" + id + "\"}");
    }

    /** A load with the policy, whose earlier batches committed failedBefore failed rows. */
    private static LoadContext load(ErrorPolicy policy, long failedBefore) {
        Job.Progress progress = new Job.Progress(0, 0, 0, failedBefore, 0, null, RowOutcomes.NONE);
        Job job = new Job("j1", "csv_data_load", "HDB_ADMIN", 1, 1, null, JobStatus.IN_PROGRESS, null, null,
                HarperJson.object(), JobPhase.READING, progress, false, false);
        LoadContext load = new LoadContext(job, TABLE, WriteAction.INSERT);
        load.policy(policy);
        return load;
    }

    private static RowProblem problem(long row, RowReason reason) {
        return new RowProblem(row, row + 1, null, null, null, "raw " + row, reason, reason.code() + " at " + row);
    }

    private static RowBatch batch(List<ObjectNode> rows, long[] numbers, List<RowProblem> problems, long rowsRead) {
        return new RowBatch(new ParsedBatch(rows, numbers, problems), rowsRead, 0, null);
    }

    private static List<Long> rowsOf(List<RowProblem> problems) {
        List<Long> out = new ArrayList<>();
        problems.forEach(p -> out.add(p.row()));
        return out;
    }

    private static final java.util.function.Function<ObjectNode, String> RAW_AS_JSON = HarperJson::write;
    private static final ErrorPolicy CONTINUE = new ErrorPolicy(ErrorPolicy.Mode.CONTINUE, null, null);
    private static final ErrorPolicy ABORT = new ErrorPolicy(ErrorPolicy.Mode.ABORT, null, null);

    // --- the plan ---

    @Test
    void withoutAPolicyEveryRowGoesToTheStore() {
        List<ObjectNode> rows = List.of(row(1), row("{\"id\":{\"a\":1}}"));
        RowAccounting.Plan plan = accounting.plan(batch(rows, new long[] {1, 2}, List.of(), 2), load(ErrorPolicy.HARPER, 0));
        assertEquals(rows, plan.rows(), "the store fails the bad key with Harper's message");
        assertEquals(List.of(), plan.problems());
        assertNull(plan.stop());
        assertEquals(2, plan.rowsReadAtEnd());
    }

    @Test
    void withAPolicyRowsTheStoreCannotTakeFailAloneInRowOrder() {
        ObjectNode objectKey = row("{\"id\":{\"a\":1}}");
        ObjectNode tooLong = row("{\"id\":4,\"name\":\"" + "x".repeat(40_000) + "\"}");
        RowAccounting.Plan plan = accounting.plan(batch(List.of(row(1), objectKey, tooLong), new long[] {1, 3, 4},
                List.of(problem(2, RowReason.MALFORMED_JSON)), 4), load(CONTINUE, 0));

        assertEquals(List.of(row(1)), plan.rows());
        assertArrayEquals(new long[] {1}, plan.kept().rowNumbers());
        assertEquals(List.of(2L, 3L, 4L), rowsOf(plan.problems()));
        RowProblem invalid = plan.problems().get(1);
        assertEquals(RowReason.INVALID_KEY, invalid.reason());
        assertEquals("id", invalid.column());
        assertEquals("{\"id\":{\"a\":1}}", invalid.raw());
        assertEquals(RowReason.VALUE_TOO_LONG, plan.problems().get(2).reason());
        assertEquals("name", plan.problems().get(2).column());
        assertNull(plan.stop());
        assertEquals(4, plan.rowsReadAtEnd());
    }

    @Test
    void abortStopsAtTheFirstFailedRowKeepingOnlyWhatCameBefore() {
        List<RowProblem> problems = List.of(problem(2, RowReason.EXTRA_FIELDS), problem(3, RowReason.MALFORMED_JSON),
                problem(6, RowReason.NOT_AN_OBJECT));
        RowAccounting.Plan plan = accounting.plan(batch(List.of(row(1), row(2), row(4), row(5)), new long[] {1, 2, 4, 5},
                problems, 6), load(ABORT, 0));

        assertEquals(3, plan.stop().row(), "a note is no failure");
        assertEquals(List.of(row(1), row(2)), plan.rows());
        assertArrayEquals(new long[] {1, 2}, plan.kept().rowNumbers());
        assertEquals(List.of(2L, 3L), rowsOf(plan.problems()), "the failed row is counted, nothing after it");
        assertEquals(3, plan.rowsReadAtEnd());
    }

    @Test
    void maxBadRecordsStopsAtTheRowPastTheBoundCountingEarlierBatches() {
        ErrorPolicy policy = new ErrorPolicy(ErrorPolicy.Mode.CONTINUE, 2L, null);
        List<RowProblem> problems = List.of(problem(2, RowReason.MALFORMED_JSON), problem(4, RowReason.NOT_AN_OBJECT),
                problem(6, RowReason.MALFORMED_JSON));
        RowAccounting.Plan plan = accounting.plan(batch(List.of(row(1), row(3), row(5), row(7)), new long[] {1, 3, 5, 7},
                problems, 7), load(policy, 1));

        assertEquals(4, plan.stop().row(), "the third failed row of the job");
        assertEquals(List.of(row(1), row(3)), plan.rows());
        assertEquals(List.of(2L, 4L), rowsOf(plan.problems()));
        assertEquals(4, plan.rowsReadAtEnd());
    }

    @Test
    void maxBadRecordsReachedButNotPassedGoesOn() {
        ErrorPolicy policy = new ErrorPolicy(ErrorPolicy.Mode.CONTINUE, 3L, 0.0);
        List<RowProblem> problems = List.of(problem(1, RowReason.MALFORMED_JSON), problem(2, RowReason.MALFORMED_JSON),
                problem(3, RowReason.MALFORMED_JSON));
        RowAccounting.Plan plan = accounting.plan(batch(List.of(row(4)), new long[] {4}, problems, 4), load(policy, 0));
        assertNull(plan.stop(), "max_bad_ratio waits for the end");
        assertEquals(List.of(row(4)), plan.rows());
        assertEquals(3, plan.problems().size());
    }

    // --- the accounting ---

    private static JsonNode key(int id) {
        return IntNode.valueOf(id);
    }

    /** Rows 1-4 and 6 written as given; row 3 carries a note, row 5 failed before the write. */
    private static RowAccounting.Plan writtenPlan() {
        return new RowAccounting.Plan(new ParsedBatch(List.of(row(1), row(2), row(3), row(3), row(6)),
                new long[] {1, 2, 3, 4, 6}, List.of(problem(3, RowReason.EXTRA_FIELDS), problem(5, RowReason.MALFORMED_JSON))),
                null, 6);
    }

    private static WriteResult writeResult() {
        return new WriteResult(List.of(key(1), key(3)), List.of(key(2), key(3), key(6)), List.of(),
                List.of(RecordOutcome.INSERTED, RecordOutcome.KEY_EXISTS, RecordOutcome.INSERTED,
                        RecordOutcome.DUPLICATE_KEY, RecordOutcome.KEY_NOT_FOUND));
    }

    @Test
    void everyRowIsCountedOnceWithItsReasonAndNotesBesideIt() {
        RowAccounting.Accounted accounted = accounting.account(writtenPlan(), writeResult(), RowOutcomes.NONE, 0, 0, RAW_AS_JSON);

        RowOutcomes o = accounted.outcomes();
        assertEquals(List.of(2L, 0L, 0L, 3L, 1L), List.of(o.inserted(), o.updated(), o.unchanged(), o.skipped(), o.failed()));
        assertEquals(Map.of("key_exists", 1L, "duplicate_key", 1L, "key_not_found", 1L, "extra_fields", 1L,
                "malformed_json", 1L), o.reasons());
        assertEquals(1, accounted.failed());
        assertEquals(3, accounted.skipped());

        List<String> recorded = new ArrayList<>();
        accounted.recorded().forEach(e -> recorded.add(e.path("row").asLong() + " " + e.path("outcome").asText() + " "
                + e.path("reason").asText()));
        assertEquals(List.of("2 skipped key_exists", "3 inserted extra_fields", "4 skipped duplicate_key",
                "5 failed malformed_json", "6 skipped key_not_found"), recorded);
        assertEquals(5, o.errorsRecorded());
        assertEquals("raw 5", accounted.recorded().get(3).path("raw").asText(), "a failed row keeps its source text");
        assertEquals(6, accounted.recorded().get(3).path("line").asLong());
        assertEquals("{\"id\":2,\"name\":\"n2\"}", accounted.recorded().get(0).path("raw").asText());
    }

    @Test
    void pastTheRecordingBoundOnlyTheCountsGoOn() {
        RowAccounting bounded = new RowAccounting(null, 3);
        RowOutcomes twoRecorded = new RowOutcomes(0, 0, 0, 2, 0, Map.of("key_exists", 2L), 2, HarperJson.array(), 0, 0);
        RowAccounting.Accounted accounted = bounded.account(writtenPlan(), writeResult(), twoRecorded, 0, 0, RAW_AS_JSON);
        assertEquals(1, accounted.recorded().size(), "room for one more");
        assertEquals(2, accounted.recorded().get(0).path("row").asLong());
        assertEquals(3, accounted.outcomes().errorsRecorded());
        assertEquals(5, accounted.outcomes().skipped(), "the counts stay exact");
        assertEquals(1, accounted.outcomes().failed());

        RowOutcomes full = new RowOutcomes(0, 0, 0, 3, 0, Map.of("key_exists", 3L), 3, HarperJson.array(), 0, 0);
        RowAccounting.Accounted none = bounded.account(writtenPlan(), writeResult(), full, 0, 0, RAW_AS_JSON);
        assertEquals(0, none.recorded().size());
        assertEquals(3, none.outcomes().errorsRecorded());
        assertEquals(Map.of("key_exists", 4L, "duplicate_key", 1L, "key_not_found", 1L, "extra_fields", 1L,
                "malformed_json", 1L), none.outcomes().reasons());
    }
}
