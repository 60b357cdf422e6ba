package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The row errors table on each engine: written in a batch's transaction, paged in row order, gone with its job. */
class RowErrorStoreTest extends StoreOnEachEngine {
    private JobStore jobs;
    private RowErrorStore errors;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        errors = new RowErrorStore(store, jobs);
    }

    private String jobWithErrors(int count) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        store.inTransaction(c -> {
            for (int row = count; row >= 1; row--) { // any order in: row order out
                errors.record(c, id, List.of(RowErrorStore.error(row, (long) row + 1, row * 10L, "failed",
                        row % 2 == 0 ? "not_castable" : "no_key", "age", "v".repeat(500), "raw", "row " + row)));
            }
            return null;
        });
        return id;
    }

    @Test
    void pagesComeInRowOrderAndFilterByReason() {
        String id = jobWithErrors(7);
        ArrayNode page = errors.page(id, null, 2, 3);
        assertEquals(3, page.size());
        assertEquals(3, page.get(0).get("row").asInt());
        assertEquals(5, page.get(2).get("row").asInt());
        assertEquals(4, page.get(0).get("line").asInt());
        assertEquals(30, page.get(0).get("byte_offset").asInt());
        assertEquals(7, errors.count(id, null));
        assertEquals(3, errors.count(id, "not_castable"));
        ArrayNode even = errors.page(id, "not_castable", 0, 10);
        assertEquals(List.of(2, 4, 6), List.of(even.get(0).get("row").asInt(), even.get(1).get("row").asInt(),
                even.get(2).get("row").asInt()));
    }

    @Test
    void longTextsAreKeptAsBoundedExcerpts() {
        String id = jobWithErrors(1);
        String value = errors.page(id, null, 0, 1).get(0).get("value").asText();
        assertEquals(RowErrorStore.VALUE_CHARS, value.length());
        assertTrue(value.endsWith("\u2026"));
    }

    @Test
    void aFinishedJobsErrorsGoWithItsRowAndNoOtherJobsDo() {
        String gone = jobWithErrors(3);
        String kept = jobWithErrors(2);
        assertFalse(jobs.deleteFinished(gone), "a job in progress is not deleted");
        jobs.complete(gone, "done", null, System.currentTimeMillis());
        assertTrue(jobs.deleteFinished(gone));
        assertEquals(0, errors.count(gone, null));
        assertTrue(jobs.find(gone).isEmpty());
        assertEquals(2, errors.count(kept, null));
    }
}
