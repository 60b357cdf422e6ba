package dev.caravan.observability;

import dev.caravan.jobs.NodeHeartbeats;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * On a store shared by several nodes: this node's heartbeat is current, so the others do not take it
 * for gone and adopt its jobs (docs/decisions/0011-cluster-job-queue.md).
 */
public final class HeartbeatCheck extends AbstractHealthCheck {
    private final NodeHeartbeats nodes;

    public HeartbeatCheck(NodeHeartbeats nodes) {
        super("caravan", "node-heartbeat");
        this.nodes = nodes;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (nodes.isLive(nodes.node())) {
            builder.up();
            return;
        }
        Optional<Long> last = nodes.heartbeat(nodes.node());
        builder.down().message(last.isEmpty() ? "This node has no heartbeat row in the store"
                : "This node's last heartbeat is " + (System.currentTimeMillis() - last.get()) / 1000
                        + " s old, older than a lease (caravan.jobs.lease-seconds): other nodes take it for gone");
    }
}
