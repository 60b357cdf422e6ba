package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A load's row outcomes: added up batch by batch, and kept in the job row as JSON. */
class RowOutcomesTest {
    private static ObjectNode error(long row, String reason) {
        return RowErrorStore.error(row, null, null, "failed", reason, null, null, null, null);
    }

    private static ArrayNode errors(long... rows) {
        ArrayNode out = HarperJson.array();
        for (long row : rows) {
            out.add(error(row, "invalid_key"));
        }
        return out;
    }

    @Test
    void theJsonOfTheJobRowReadsBackAsItWas() throws JsonProcessingException {
        RowOutcomes outcomes = new RowOutcomes(5, 4, 3, 2, 1, Map.of("key_exists", 2L, "invalid_key", 1L), 3,
                errors(2, 7, 9), 120, 40);
        RowOutcomes readBack = RowOutcomes.fromJson(HarperJson.parse(outcomes.toJson()));
        // the first errors come back with their numbers as the parser types them (int, not long): compare as text
        assertEquals(outcomes.toJson(), readBack.toJson());
        assertEquals(new RowOutcomes(5, 4, 3, 2, 1, outcomes.reasons(), 3, readBack.firstErrors(), 120, 40), readBack);
        assertEquals(List.of(2L, 7L, 9L), List.of(readBack.firstErrors().get(0).path("row").asLong(),
                readBack.firstErrors().get(1).path("row").asLong(), readBack.firstErrors().get(2).path("row").asLong()));
        assertEquals(RowOutcomes.NONE, RowOutcomes.fromJson(HarperJson.parse(RowOutcomes.NONE.toJson())));
    }

    @Test
    void aRowWithoutItsFieldsReadsAsNone() throws JsonProcessingException {
        assertEquals(RowOutcomes.NONE, RowOutcomes.fromJson(HarperJson.parse("{}")));
    }

    @Test
    void writtenCountsEveryRowTheStoreTook() {
        assertEquals(12, new RowOutcomes(5, 4, 3, 2, 1, Map.of(), 0, HarperJson.array(), 0, 0).written());
    }

    @Test
    void plusAddsABatchsCountsAndReasons() {
        RowOutcomes before = new RowOutcomes(1, 1, 0, 1, 1, Map.of("key_exists", 1L, "invalid_key", 1L), 2,
                errors(1, 2), 10, 5);
        RowOutcomes.Tally tally = new RowOutcomes.Tally();
        tally.inserted();
        tally.inserted();
        tally.updated();
        tally.unchanged();
        tally.skipped("key_exists");
        tally.failed("invalid_key");
        tally.failed("no_key");
        tally.reason("extra_fields"); // a note: its row is counted as written
        RowOutcomes after = before.plus(tally, List.of(error(5, "invalid_key"), error(6, "no_key")), 30, 12);

        assertEquals(new RowOutcomes(3, 2, 1, 2, 3,
                Map.of("key_exists", 2L, "invalid_key", 2L, "no_key", 1L, "extra_fields", 1L), 4,
                errors(1, 2).add(error(5, "invalid_key")).add(error(6, "no_key")), 30, 12), after);
        assertEquals(2, tally.failed());
        assertEquals(4, tally.written());
    }

    @Test
    void onlyTheFirstFewErrorsAreKeptInline() {
        RowOutcomes before = new RowOutcomes(0, 0, 0, 0, 3, Map.of("invalid_key", 3L), 3, errors(1, 2, 3), 0, 0);
        List<ObjectNode> recorded = new ArrayList<>();
        for (long row = 4; row <= 10; row++) {
            recorded.add(error(row, "invalid_key"));
        }
        RowOutcomes after = before.plus(new RowOutcomes.Tally(), recorded, 0, 0);
        assertEquals(RowOutcomes.INLINE_ERRORS, after.firstErrors().size());
        assertEquals(errors(1, 2, 3, 4, 5), after.firstErrors());
        assertEquals(10, after.errorsRecorded(), "every recorded error is counted, inline or not");
        assertEquals(errors(1, 2, 3), before.firstErrors(), "the earlier counts are left as they were");
    }
}
