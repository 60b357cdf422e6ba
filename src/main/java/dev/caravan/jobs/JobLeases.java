package dev.caravan.jobs;

import dev.caravan.store.SqlDialect;
import dev.caravan.store.Store;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node runs a job, recorded in the job's row (docs/decisions/0010-job-leases.md): a worker claims
 * a job before it runs it, for a lease that this node renews while the job runs and gives up when the
 * job ends or stops for a shutdown. A job whose lease has expired has no live owner, and another
 * claim may take it: so a job runs on one node at a time, however many share the job table.
 */
public class JobLeases {
    private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);

    private final Store store;
    private final String node;
    private final long leaseMillis;
    private final LongSupplier clock;
    /** LEASE_UNTIL of a job given up at a shutdown: ended, and never renewed. */
    static final long GIVEN_UP = 0;
    /** The jobs this node's workers hold (JobRunner), so that a job queued here twice runs once. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public JobLeases(Store store, String node, Duration lease) {
        this(store, node, lease, System::currentTimeMillis);
    }

    JobLeases(Store store, String node, Duration lease, LongSupplier clock) {
        this.store = store;
        this.node = node;
        this.leaseMillis = lease.toMillis();
        this.clock = clock;
        // a job table made before jobs had owners gains the columns
        store.addColumnIfMissing("CARAVAN", "JOBS", "OWNER_NODE", "VARCHAR(256)");
        store.addColumnIfMissing("CARAVAN", "JOBS", "LEASE_UNTIL", "BIGINT");
    }

    /** caravan.node.id, or this host's name and the API port when it is not set. */
    public static String nodeId(String configured, int port) {
        String id = configured;
        if (id == null || id.isBlank()) {
            id = hostName() + ":" + port;
        }
        id = id.strip();
        if (id.length() > 256) {
            throw new IllegalArgumentException("caravan.node.id is longer than 256 characters");
        }
        return id;
    }

    /** This machine's host name, or localhost when it has none that resolves. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This node's id (caravan.node.id). */
    public String node() {
        return node;
    }

    /**
     * Takes the job for this node if it is in progress, may run here (pinned to no other node) and no
     * other node holds a live lease on it; one row update, so of two nodes claiming at once exactly one wins.
     */
    public boolean claim(String jobId) {
        return store.inTransaction(c -> claim(c, jobId));
    }

    /** The same on the caller's transaction, e.g. the one that creates the job (JobLauncher). */
    public boolean claim(Connection c, String jobId) throws SQLException {
        long now = clock.getAsLong();
        return Store.update(c, "UPDATE CARAVAN.JOBS SET OWNER_NODE = ?, LEASE_UNTIL = ? WHERE ID = ? AND STATUS = '"
                + JobStatus.IN_PROGRESS + "' AND (OWNER_NODE IS NULL OR OWNER_NODE = ? OR LEASE_UNTIL < ?)"
                + " AND (PINNED_NODE IS NULL OR PINNED_NODE = ?)",
                node, now + leaseMillis, jobId, node, now, node) == 1;
    }

    /**
     * Takes the job for one of this node's workers: false when another worker here has it already (a job
     * may reach the queue twice: from its submit and from the job table, JobQueue) or when claim refuses.
     */
    public boolean take(String jobId) {
        if (!held.add(jobId)) {
            return false;
        }
        if (!claim(jobId)) {
            held.remove(jobId);
            return false;
        }
        return true;
    }

    /** How many jobs this node's workers hold. */
    public int heldByWorkers() {
        return held.size();
    }

    /** The end of a lease granted now (JobQueue and JobAdoption claim with it). */
    long leaseFromNow() {
        return clock.getAsLong() + leaseMillis;
    }

    long now() {
        return clock.getAsLong();
    }

    /**
     * Renews the leases of every job this node runs (a timer route calls it well within a lease), except
     * those it gave up at a shutdown (stoppedForShutdown).
     */
    public int renew() {
        long now = clock.getAsLong();
        return store.update("UPDATE CARAVAN.JOBS SET LEASE_UNTIL = ? WHERE OWNER_NODE = ? AND STATUS = '"
                + JobStatus.IN_PROGRESS + "' AND LEASE_UNTIL <> " + GIVEN_UP, now + leaseMillis, node);
    }

    /**
     * Gives the job up: it ended, or it waits to be claimed again. A job that ended keeps OWNER_NODE, with
     * no lease, as the record of the node that ended it.
     */
    public void release(String jobId) {
        held.remove(jobId);
        store.update("UPDATE CARAVAN.JOBS SET LEASE_UNTIL = NULL, OWNER_NODE = CASE WHEN STATUS = '"
                + JobStatus.IN_PROGRESS + "' THEN NULL ELSE OWNER_NODE END WHERE ID = ? AND OWNER_NODE = ?", jobId, node);
    }

    /**
     * The job stopped for this node's shutdown, after its last committed batch. On embedded Derby it is
     * released and resumes at the next start (JobRecovery). On a shared database its lease ends now and
     * its owner stays recorded: another node adopts it at once, as it adopts a dead node's jobs, leftovers
     * removed (JobAdoption), or this node recovers it if it is back first.
     */
    public void stoppedForShutdown(String jobId) {
        if (!store.dialect().sharedByProcesses()) {
            release(jobId);
            return;
        }
        held.remove(jobId);
        store.update("UPDATE CARAVAN.JOBS SET LEASE_UNTIL = " + GIVEN_UP + " WHERE ID = ? AND OWNER_NODE = ?",
                jobId, node);
    }

    /**
     * At start-up on embedded Derby, which one process alone can open: no other node can hold a lease,
     * so the leases a killed process left are given up for this one to resume its jobs at once.
     */
    public void releaseLeftOverLeases() {
        if (store.dialect() != SqlDialect.DERBY) {
            return; // a shared database: other nodes' leases stand until they expire
        }
        int released = store.update("UPDATE CARAVAN.JOBS SET OWNER_NODE = NULL, LEASE_UNTIL = NULL"
                + " WHERE OWNER_NODE IS NOT NULL AND STATUS = '" + JobStatus.IN_PROGRESS + "'");
        if (released > 0) {
            LOG.info("Released the leases of {} job(s) left by a process that stopped without ending them", released);
        }
    }

    /** The node that holds the job's lease now, or null. */
    public String owner(String jobId) {
        return store.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT OWNER_NODE, LEASE_UNTIL FROM CARAVAN.JOBS WHERE ID = ?")) {
                ps.setString(1, jobId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return null;
                    }
                    return rs.getLong(2) < clock.getAsLong() ? null : rs.getString(1);
                }
            }
        });
    }
}
