package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The key table's unique (user, key), its cascade with the job row, and the 422 for another request. */
class IdempotencyKeysTest extends StoreOnEachEngine {
    private JobStore jobs;
    private IdempotencyKeys keys;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        keys = new IdempotencyKeys(store);
    }

    /** Writes a job with its key in one transaction, as JobSubmitter does. */
    private String submit(IdempotencyKey key, String fingerprint) {
        String id = UUID.randomUUID().toString();
        store.inTransaction(c -> {
            jobs.create(c, id, "csv_data_load", key.user(), HarperJson.object(), System.currentTimeMillis());
            keys.claim(c, key, id, fingerprint, System.currentTimeMillis());
            return null;
        });
        return id;
    }

    private static IdempotencyKey newKey(String user) {
        return new IdempotencyKey(user, "k-" + UUID.randomUUID());
    }

    @Test
    void aClaimedKeyNamesItsJob() {
        IdempotencyKey key = newKey("ann");
        String id = submit(key, "f1");

        assertEquals(Optional.of(id), keys.earlierJob(key, "f1"));
        assertEquals(Optional.empty(), keys.earlierJob(new IdempotencyKey("bob", key.value()), "f1"));
    }

    @Test
    void aSecondClaimOfTheKeyFailsAndLeavesNoJobRow() {
        IdempotencyKey key = newKey("ann");
        String first = submit(key, "f1");

        RuntimeException lost = assertThrows(RuntimeException.class, () -> submit(key, "f1"));

        assertTrue(keys.isTaken(lost), lost::toString);
        assertEquals(first, keys.find(key).orElseThrow().jobId());
        assertEquals(1, count("SELECT COUNT(*) FROM CARAVAN.JOBS j JOIN CARAVAN.JOB_KEYS k ON k.JOB_ID = j.ID"
                + " WHERE k.IDEMPOTENCY_KEY = '" + key.value() + "'"));
    }

    @Test
    void aConcurrentClaimWaitsForTheFirstTransactionAndThenLoses() throws Exception {
        IdempotencyKey key = newKey("ann");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        String firstId = UUID.randomUUID().toString();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> store.inTransaction(c -> {
            jobs.create(c, firstId, "csv_data_load", "ann", HarperJson.object(), 1);
            keys.claim(c, key, firstId, "f1", 1);
            claimed.countDown();
            commit.await();
            return null;
        }));
        claimed.await(20, TimeUnit.SECONDS);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> submit(key, "f1"));
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300)).until(() -> !second.isDone());

        commit.countDown();
        first.get(20, TimeUnit.SECONDS);

        Throwable lost = assertThrows(java.util.concurrent.ExecutionException.class, () -> second.get(20, TimeUnit.SECONDS));
        assertTrue(keys.isTaken(lost), lost::toString);
        assertEquals(firstId, keys.find(key).orElseThrow().jobId());
    }

    @Test
    void anotherRequestWithTheKeyIs422() {
        IdempotencyKey key = newKey("ann");
        String id = submit(key, "f1");

        HarperException e = assertThrows(HarperException.class, () -> keys.earlierJob(key, "f2"));

        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("job " + id), e.getMessage());
    }

    @Test
    void theKeyGoesWithItsJobRow() {
        IdempotencyKey key = newKey("ann");
        String id = submit(key, "f1");

        store.update("DELETE FROM CARAVAN.JOBS WHERE ID = ?", id);

        assertFalse(keys.find(key).isPresent());
    }

    private long count(String sql) {
        return store.inTransaction(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
