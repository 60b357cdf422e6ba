package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobStore;
import dev.caravan.store.StoreOnEachEngine;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** A history row counts once its job is COMPLETE, and goes with its job's row. */
class LoadHistoryTest extends StoreOnEachEngine {
    private JobStore jobs;
    private LoadHistory history;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        history = new LoadHistory(store);
    }

    private String loaded(String sourceKey) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "ann", HarperJson.object(), 1);
        history.record(id, "dev", "dog", sourceKey, "{}", 2);
        return id;
    }

    @Test
    void aLoadCountsOnceItsJobIsComplete() {
        String key = UUID.randomUUID().toString();
        String id = loaded(key);
        assertEquals(Optional.empty(), history.completedLoad("dev", "dog", key));

        jobs.complete(id, "successfully loaded 1 of 1 records", null, 1234);

        assertEquals(Optional.of(new LoadHistory.Earlier(id, 1234)), history.completedLoad("dev", "dog", key));
        assertEquals(Optional.empty(), history.completedLoad("dev", "cat", key));
    }

    @Test
    void aFailedLoadNeverCounts() {
        String key = UUID.randomUUID().toString();
        String id = loaded(key);
        jobs.fail(id, TextNode.valueOf("boom"), 5, false, false);

        assertTrue(history.completedLoad("dev", "dog", key).isEmpty());
    }

    @Test
    void aResumedJobRecordsItsLoadOnce() {
        String key = UUID.randomUUID().toString();
        String id = loaded(key);
        history.record(id, "dev", "dog", key, "{}", 3);
        jobs.complete(id, "done", null, 9);

        assertEquals(Optional.of(new LoadHistory.Earlier(id, 9)), history.completedLoad("dev", "dog", key));
    }

    @Test
    void theLatestCompletedLoadIsNamed() {
        String key = UUID.randomUUID().toString();
        jobs.complete(loaded(key), "done", null, 10);
        String later = loaded(key);
        jobs.complete(later, "done", null, 20);

        assertEquals(later, history.completedLoad("dev", "dog", key).orElseThrow().jobId());
    }

    @Test
    void theRowGoesWithItsJob() {
        String key = UUID.randomUUID().toString();
        String id = loaded(key);
        jobs.complete(id, "done", null, 10);

        store.update("DELETE FROM CARAVAN.JOBS WHERE ID = ?", id);

        assertTrue(history.completedLoad("dev", "dog", key).isEmpty());
        assertEquals(0, (int) store.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*) FROM CARAVAN.LOAD_HISTORY WHERE JOB_ID = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }));
    }
}
