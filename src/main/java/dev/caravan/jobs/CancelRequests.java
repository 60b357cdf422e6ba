package dev.caravan.jobs;

import dev.caravan.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * cancel_job on whichever node it reaches (docs/decisions/0011-cluster-job-queue.md): the request is
 * recorded in the job's row (CARAVAN.JOBS.CANCEL_REQUESTED), and the node that runs the job, polling the
 * rows of its own jobs (routes/jobs/job-cluster.camel.yaml), hands it to JobControl as a local cancel
 * would be: the job stops at its next batch boundary, and a source it waits on is aborted at once. The
 * flag outlives a lease, so a job adopted by another node is cancelled there too. On embedded Derby the
 * node that receives cancel_job is the one running the job, and nothing is recorded or polled.
 */
public class CancelRequests {
    private final Store store;
    private final JobControl control;
    private final String node;

    public CancelRequests(Store store, JobControl control, String node) {
        this.store = store;
        this.control = control;
        this.node = node;
        store.addColumnIfMissing("CARAVAN", "JOBS", "CANCEL_REQUESTED", "BOOLEAN DEFAULT FALSE");
    }

    /** Records a cancel for the node that runs the job, wherever that is. */
    public void record(String jobId) {
        if (store.dialect().sharedByProcesses()) {
            store.update("UPDATE CARAVAN.JOBS SET CANCEL_REQUESTED = TRUE WHERE ID = ? AND STATUS = '"
                    + JobStatus.IN_PROGRESS + "'", jobId);
        }
    }

    /**
     * Cancels here the jobs this node holds (with a lease: an ended job keeps its owner without one) whose
     * cancel another node recorded; returns how many. Not by status: a queued job cancelled elsewhere may
     * end ERROR there while a worker here has just taken it.
     */
    public int applyToOwnJobs() {
        int applied = 0;
        for (String id : requestedForThisNode()) {
            if (!control.cancelRequested(id)) {
                control.requestCancel(id);
                applied++;
            }
        }
        return applied;
    }

    private List<String> requestedForThisNode() {
        return store.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM CARAVAN.JOBS WHERE OWNER_NODE = ?"
                    + " AND LEASE_UNTIL IS NOT NULL AND CANCEL_REQUESTED = TRUE")) {
                ps.setString(1, node);
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
