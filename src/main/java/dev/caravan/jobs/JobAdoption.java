package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does with the jobs of a node that is gone (docs/decisions/0011-cluster-job-queue.md): a
 * job whose lease has ended (its owner died, hung or gave it up at a shutdown), or one pinned to a node
 * whose heartbeat has stopped before the job was claimed. A timer route (routes/jobs/job-cluster.camel.yaml)
 * calls adoptOrphans; each orphan is claimed with one conditional row update, so one node adopts it. Then,
 * as JobRecovery does at a restart: a job pinned to the gone node ends ERROR naming it; a job whose
 * source can be read again loses its leftovers and goes back to the queue of the job table, where any
 * node's poller takes it (JobQueue) and it resumes after its last committed batch; any other ends ERROR
 * with interrupted: true and a message naming the node. A job pinned to a node that is still alive
 * waits for that node, which recovers it itself.
 */
public class JobAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(JobAdoption.class);

    /** A job without a live owner: the node that held it (null if none did) and the node it is pinned to. */
    record Orphan(String id, String goneOwner, String pinnedNode) {
        /** The node whose end left the job without an owner. */
        String goneNode() {
            return goneOwner != null ? goneOwner : pinnedNode;
        }
    }

    private final Store store;
    private final JobStore jobs;
    private final JobLeases leases;
    private final NodeHeartbeats nodes;
    private final Map<String, JobDefinition> definitions;

    public JobAdoption(Store store, JobStore jobs, JobLeases leases, NodeHeartbeats nodes,
                       Map<String, JobDefinition> definitions) {
        this.store = store;
        this.jobs = jobs;
        this.leases = leases;
        this.nodes = nodes;
        this.definitions = definitions;
    }

    /** Adopts every job another node left without a live owner; returns how many this node took. */
    public int adoptOrphans() {
        int adopted = 0;
        for (Orphan orphan : orphans()) {
            if (claim(orphan)) {
                settle(orphan);
                adopted++;
            }
        }
        return adopted;
    }

    /**
     * IN_PROGRESS jobs held by another node whose lease has ended, or held by none and pinned to another
     * node; either way not pinned to a node that is alive (it recovers its own jobs).
     */
    List<Orphan> orphans() {
        String me = leases.node();
        long now = leases.now();
        return store.inTransaction(c -> {
            List<Orphan> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT J.ID, J.OWNER_NODE, J.PINNED_NODE FROM CARAVAN.JOBS J"
                    + " WHERE J.STATUS = '" + JobStatus.IN_PROGRESS + "' AND ((J.OWNER_NODE IS NOT NULL AND J.OWNER_NODE <> ?"
                    + " AND J.LEASE_UNTIL < ?) OR (J.OWNER_NODE IS NULL AND J.PINNED_NODE IS NOT NULL AND J.PINNED_NODE <> ?))"
                    + " AND (J.PINNED_NODE IS NULL OR J.PINNED_NODE = ? OR NOT EXISTS (SELECT 1 FROM CARAVAN.NODES N"
                    + " WHERE N.ID = J.PINNED_NODE AND N.HEARTBEAT >= ?)) ORDER BY J.CREATED_DATETIME")) {
                ps.setString(1, me);
                ps.setLong(2, now);
                ps.setString(3, me);
                ps.setString(4, me);
                ps.setLong(5, nodes.liveSince());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Orphan(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return found;
        });
    }

    /** Takes the orphan for this node, if no other node adopted it (or its owner renewed it) meanwhile. */
    private boolean claim(Orphan orphan) {
        long now = leases.now();
        String taken = "UPDATE CARAVAN.JOBS SET OWNER_NODE = ?, LEASE_UNTIL = ? WHERE ID = ? AND STATUS = '"
                + JobStatus.IN_PROGRESS + "' AND ";
        return orphan.goneOwner() != null
                ? store.update(taken + "OWNER_NODE = ? AND LEASE_UNTIL < ?", leases.node(), leases.leaseFromNow(),
                        orphan.id(), orphan.goneOwner(), now) == 1
                : store.update(taken + "OWNER_NODE IS NULL", leases.node(), leases.leaseFromNow(), orphan.id()) == 1;
    }

    private void settle(Orphan orphan) {
        Job job = jobs.find(orphan.id()).orElse(null);
        if (job == null) {
            return;
        }
        JobDefinition definition = definitions.get(job.type());
        boolean pinnedElsewhere = orphan.pinnedNode() != null && !orphan.pinnedNode().equals(leases.node());
        if (!pinnedElsewhere && definition != null && job.request() != null) {
            definition.removeLeftovers(job.request(), job.id()); // a pinned job's leftovers are on its node
        }
        String ended = endMessage(job, definition, orphan.goneNode(), pinnedElsewhere);
        if (ended == null) {
            LOG.info("Adopting job {} ({}) of node {}: it resumes after row {}", job.id(), job.type(),
                    orphan.goneNode(), job.progress().rowsRead());
            jobs.setPhase(job.id(), JobPhase.QUEUED);
        } else {
            jobs.fail(job.id(), TextNode.valueOf(ended), System.currentTimeMillis(), false, true);
            LOG.info("Job {} ({}) of node {} ended ERROR: {}", job.id(), job.type(), orphan.goneNode(), ended);
        }
        leases.release(job.id()); // queued again in the job table for any node, or ended
    }

    /** Null when the job resumes; otherwise the message it ends ERROR with, naming the node that is gone. */
    static String endMessage(Job job, JobDefinition definition, String goneNode, boolean pinnedToIt) {
        if (pinnedToIt) {
            Job.Progress p = job.progress();
            return "Job interrupted: node " + goneNode + " stopped, and no other node can run the job (its files or"
                    + " keys are on that node); " + p.rowsWritten() + " of " + p.rowsRead() + " records read were committed";
        }
        return JobRecovery.interruptedMessage(job, definition, "node " + goneNode);
    }

    /** The jobs a restarting node left: held by it, or pinned to it and held by none (JobRecovery). */
    List<String> ownJobs() {
        String me = leases.node();
        return store.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM CARAVAN.JOBS WHERE STATUS = '"
                    + JobStatus.IN_PROGRESS + "' AND (OWNER_NODE = ? OR (OWNER_NODE IS NULL AND PINNED_NODE = ?))"
                    + " ORDER BY CREATED_DATETIME")) {
                ps.setString(1, me);
                ps.setString(2, me);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }
}
