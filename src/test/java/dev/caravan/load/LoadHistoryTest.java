package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobStore;
import dev.caravan.store.Store;
import dev.caravan.store.StoreEngine;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A history row counts once its job is COMPLETE, and goes with its job's row. */
@ParameterizedClass
@EnumSource(StoreEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadHistoryTest {
    @Parameter
    StoreEngine engine;
    @TempDir
    static Path dir;
    private Store store;
    private JobStore jobs;
    private LoadHistory history;

    @BeforeParameterizedClassInvocation
    void open() {
        store = engine.open(dir, 4);
        jobs = new JobStore(store);
        history = new LoadHistory(store);
    }

    @AfterParameterizedClassInvocation
    void close() {
        store.close();
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
