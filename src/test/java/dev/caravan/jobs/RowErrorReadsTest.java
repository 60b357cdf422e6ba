package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.store.StoreOnEachEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The row errors table on a real store of each engine: recorded in a transaction, paged in row order, cut to excerpts. */
class RowErrorReadsTest extends StoreOnEachEngine {
    private RowErrorStore errors;

    @BeforeParameterizedClassInvocation
    void open() {
        errors = new RowErrorStore(store, new JobStore(store));
    }

    private void record(String job, List<ObjectNode> batch) {
        store.inTransaction(c -> {
            errors.record(c, job, batch);
            return null;
        });
    }

    private static List<Long> rows(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.forEach(e -> out.add(e.path("row").asLong()));
        return out;
    }

    @Test
    void errorsArePagedInRowOrderAndByReason() {
        List<ObjectNode> batch = new ArrayList<>();
        for (long row = 10; row >= 1; row--) {
            String reason = row % 2 == 0 ? "key_exists" : "invalid_key";
            batch.add(RowErrorStore.error(row, row + 1, null, row % 2 == 0 ? "skipped" : "failed", reason, null, null,
                    null, "row " + row));
        }
        record("paged", batch);

        assertEquals(10, errors.count("paged", null));
        assertEquals(5, errors.count("paged", "invalid_key"));
        assertEquals(List.of(1L, 2L, 3L), rows(errors.page("paged", null, 0, 3)));
        assertEquals(List.of(9L, 10L), rows(errors.page("paged", null, 8, 3)));
        assertEquals(List.of(5L, 7L), rows(errors.page("paged", "invalid_key", 2, 2)));
        assertEquals(0, errors.count("other-job", null));
    }

    @Test
    void anErrorReadsBackWithEveryField() {
        ObjectNode error = RowErrorStore.error(4, 5L, 120L, "failed", "value_too_long", "name", "x".repeat(300),
                "{\"name\":\"" + "x".repeat(600) + "\"}", "value of attribute 'name' is too long");
        record("fields", List.of(error));
        JsonNode read = errors.page("fields", null, 0, 10).get(0);
        assertEquals(error, read);
        assertEquals("x".repeat(199) + "\u2026", read.path("value").asText());
        assertEquals(500, read.path("raw").asText().length());
    }

    @Test
    void aRowWithoutAPlaceReadsBackWithout() {
        record("placeless", List.of(RowErrorStore.error(1, null, null, "skipped", "key_exists", null, null, null, null)));
        JsonNode read = errors.page("placeless", null, 0, 10).get(0);
        assertEquals(List.of("row", "outcome", "reason", "message"), fieldNames(read));
        assertEquals("key_exists", read.path("message").asText(), "a reason without a message is its own message");
    }

    @Test
    void aJobsErrorsGoWithIt() {
        record("deleted", List.of(RowErrorStore.error(1, null, null, "failed", "no_key", "id", null, null, "no key")));
        store.inTransaction(c -> {
            errors.deleteForJob(c, "deleted");
            return null;
        });
        assertEquals(0, errors.count("deleted", null));
    }

    @Test
    void anExcerptNeverCutsACharacterInTwo() {
        String text = "a".repeat(8) + "\uD83D\uDE00" + "b";
        assertEquals("a".repeat(8) + "\u2026", RowErrorStore.excerpt(text, 10));
        assertEquals("short", RowErrorStore.excerpt("short", 10));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
