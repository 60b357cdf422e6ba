package dev.caravan.jobs;

import dev.caravan.store.Store;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The nodes sharing the job table, one row each in CARAVAN.NODES (docs/decisions/0011-cluster-job-queue.md):
 * when a node started and when it last said it was alive. A timer route (routes/jobs/job-cluster.camel.yaml)
 * renews this node's row; a node whose heartbeat is older than a lease is gone. The job leases decide who
 * runs a job (JobLeases); the heartbeats decide only whether a job pinned to a node that holds no lease on
 * it may still run there.
 */
public class NodeHeartbeats {
    private final Store store;
    private final String node;
    private final String host;
    private final int port;
    private final long timeoutMillis;
    private final LongSupplier clock;

    public NodeHeartbeats(Store store, String node, String host, int port, Duration timeout) {
        this(store, node, host, port, timeout, System::currentTimeMillis);
    }

    NodeHeartbeats(Store store, String node, String host, int port, Duration timeout, LongSupplier clock) {
        this.store = store;
        this.node = node;
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
        store.createTablesIfMissing("CARAVAN", "NODES", "CREATE TABLE CARAVAN.NODES (ID VARCHAR(256) NOT NULL PRIMARY KEY,"
                + " HOST VARCHAR(256), PORT INTEGER, STARTED BIGINT NOT NULL, HEARTBEAT BIGINT NOT NULL)");
    }

    /** This node has started: its row says so, with a new start time (a restart keeps its id). */
    public void started() {
        long now = clock.getAsLong();
        String update = "UPDATE CARAVAN.NODES SET HOST = ?, PORT = ?, STARTED = ?, HEARTBEAT = ? WHERE ID = ?";
        if (store.update(update, host, port, now, now, node) == 0) {
            try {
                store.update("INSERT INTO CARAVAN.NODES (ID, HOST, PORT, STARTED, HEARTBEAT) VALUES (?, ?, ?, ?, ?)",
                        node, host, port, now, now);
            } catch (RuntimeException e) {
                // a process of the same id inserted it first (both engines: 23505); its row is ours as well
                store.update(update, host, port, now, now, node);
            }
        }
    }

    /** This node is alive (the timer route). */
    public void beat() {
        if (store.update("UPDATE CARAVAN.NODES SET HEARTBEAT = ? WHERE ID = ?", clock.getAsLong(), node) == 0) {
            started(); // its row was removed by hand
        }
    }

    /** Whether the node has sent a heartbeat within the timeout (a lease). */
    public boolean isLive(String nodeId) {
        return heartbeat(nodeId).map(at -> at >= clock.getAsLong() - timeoutMillis).orElse(false);
    }

    /** The node's last heartbeat (epoch ms), if it ever sent one. */
    public Optional<Long> heartbeat(String nodeId) {
        return store.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT HEARTBEAT FROM CARAVAN.NODES WHERE ID = ?")) {
                ps.setString(1, nodeId);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /** The oldest heartbeat of a live node (epoch ms): a node whose last one is older is gone. */
    long liveSince() {
        return clock.getAsLong() - timeoutMillis;
    }

    public String node() {
        return node;
    }
}
