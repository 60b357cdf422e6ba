package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.store.StoreOnEachEngine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A node's heartbeat row, on each engine: alive while it beats within a lease, one row per id across restarts. */
class NodeHeartbeatsTest extends StoreOnEachEngine {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final AtomicLong now = new AtomicLong(5_000_000);

    private NodeHeartbeats node(String id) {
        return new NodeHeartbeats(store, id, "host", 9925, TIMEOUT, now::get);
    }

    @Test
    void aNodeIsAliveWhileItBeatsWithinTheTimeoutAndGoneAfter() {
        NodeHeartbeats a = node("beats-a");
        NodeHeartbeats b = node("beats-b");
        assertFalse(b.isLive("beats-a"), "never started");
        a.started();
        now.addAndGet(TIMEOUT.toMillis());
        assertTrue(b.isLive("beats-a"));
        a.beat();
        now.addAndGet(TIMEOUT.toMillis());
        assertTrue(b.isLive("beats-a"), "the beat renewed it");
        now.incrementAndGet();
        assertFalse(b.isLive("beats-a"), "no beat for longer than the timeout: gone");
    }

    @Test
    void aRestartWithTheSameIdKeepsOneRowAndIsAliveAgain() {
        node("restarts").started();
        now.addAndGet(60_000);
        assertFalse(node("other").isLive("restarts"));
        node("restarts").started();
        assertTrue(node("other").isLive("restarts"));
        assertEquals(Optional.of(now.get()), node("other").heartbeat("restarts"));
        assertEquals(1, store.update("UPDATE CARAVAN.NODES SET PORT = 1 WHERE ID = 'restarts'"));
    }

    @Test
    void aBeatWithoutARowWritesItAgain() {
        NodeHeartbeats a = node("removed");
        a.started();
        store.update("DELETE FROM CARAVAN.NODES WHERE ID = 'removed'");
        a.beat();
        assertTrue(node("other").isLive("removed"));
    }
}
