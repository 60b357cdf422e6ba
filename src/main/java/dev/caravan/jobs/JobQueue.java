package dev.caravan.jobs;

import dev.caravan.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

/**
 * The job table as the queue every node takes jobs from (docs/decisions/0011-cluster-job-queue.md). A
 * submit still puts its job on the accepting node's in-memory queue, so it starts at once when a worker
 * is free there; a timer route (routes/jobs/job-cluster.camel.yaml) calls takeForFreeWorkers, which
 * claims as many queued jobs as this node has idle workers, among those no node holds and none other is
 * pinned to, and queues them here. The claim locks the rows it reads, skipping rows another node's
 * claim holds (SqlDialect.lockRowsSkippingLocked), and takes each with the conditional update of
 * JobLeases, in one transaction: a job is claimed by one node only.
 */
public class JobQueue {
    /** A job claimed for this node, to be queued here. */
    public record Claimed(String id, String type) {
    }

    private final Store store;
    private final JobLeases leases;
    private final BiConsumer<String, String> enqueue;
    private final IntSupplier idleWorkers;

    /**
     * idleWorkers: this node's workers less those busy or about to be (JobsConfiguration); enqueue puts a
     * claimed job (id, type) on this node's in-memory queue (JobSubmitter.enqueue).
     */
    public JobQueue(Store store, JobLeases leases, IntSupplier idleWorkers, BiConsumer<String, String> enqueue) {
        this.store = store;
        this.leases = leases;
        this.enqueue = enqueue;
        this.idleWorkers = idleWorkers;
    }

    /** Claims queued jobs for this node's idle workers and queues them here; returns how many. */
    public int takeForFreeWorkers() {
        int idle = idleWorkers.getAsInt();
        if (idle <= 0) {
            return 0;
        }
        List<Claimed> claimed = claim(idle);
        claimed.forEach(job -> enqueue.accept(job.id(), job.type()));
        return claimed.size();
    }

    /**
     * Claims at most max queued jobs, oldest first, that no node holds and that may run here: the lease
     * is this node's when the transaction commits.
     */
    public List<Claimed> claim(int max) {
        String node = leases.node();
        String select = store.dialect().lockRowsSkippingLocked("SELECT ID, TYPE FROM CARAVAN.JOBS WHERE STATUS = '"
                + JobStatus.IN_PROGRESS + "' AND PHASE = '" + JobPhase.QUEUED.label() + "' AND OWNER_NODE IS NULL"
                + " AND (PINNED_NODE IS NULL OR PINNED_NODE = ?) ORDER BY CREATED_DATETIME FETCH FIRST " + max
                + " ROWS ONLY");
        return store.inTransaction(c -> {
            List<Claimed> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, node);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new Claimed(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            List<Claimed> claimed = new ArrayList<>();
            long until = leases.leaseFromNow();
            for (Claimed job : candidates) {
                // on PostgreSQL the row is ours already; on Derby this update decides between threads
                if (Store.update(c, "UPDATE CARAVAN.JOBS SET OWNER_NODE = ?, LEASE_UNTIL = ? WHERE ID = ? AND STATUS = '"
                        + JobStatus.IN_PROGRESS + "' AND OWNER_NODE IS NULL", node, until, job.id()) == 1) {
                    claimed.add(job);
                }
            }
            return claimed;
        });
    }
}
