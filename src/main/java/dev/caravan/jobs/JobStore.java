package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.SqlDialect;
import dev.caravan.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job table (CARAVAN.JOBS): the truth about every job. A job is written before its submission is
 * answered, and every change of state is a row update; batch progress is written in the same
 * transaction as the batch's records, so after a crash the counts match what was committed.
 */
public class JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);
    private static final String COLUMNS = "ID, TYPE, USERNAME, CREATED_DATETIME, START_DATETIME, END_DATETIME, STATUS,"
            + " MESSAGE, MESSAGE_IS_JSON, RESULT, REQUEST, PHASE, ROWS_READ, ROWS_WRITTEN, ROWS_SKIPPED, ROWS_FAILED,"
            + " BYTES_READ, BYTES_TOTAL, CANCELLED, INTERRUPTED, OUTCOMES, DATABASE_NAME, TABLE_NAME";

    private final Store store;
    /**
     * On a shared database, the node whose batches and ends this store writes only while the node holds
     * the job (docs/decisions/0011-cluster-job-queue.md): a node paused past its lease, whose job another
     * node adopted, cannot commit over the adopter. Null on embedded Derby, one process.
     */
    private final String fencedNode;
    /**
     * The jobs this process runs, as last committed. A batch transaction holds its job's row lock until
     * it commits, so get_job answers running jobs from here instead of waiting; each copy is replaced only
     * after the change it shows has committed (Store.afterCommit).
     */
    private final Map<String, Job> running = new ConcurrentHashMap<>();
    /** The recent pace of the jobs this process runs (ProgressRate), sampled as their batches commit. */
    private final Map<String, ProgressWindow> windows = new ConcurrentHashMap<>();
    /** What else is kept per job (its row errors, ...), removed in the same transaction as its row. */
    private final List<JobRows> dependents = new CopyOnWriteArrayList<>();
    /** Told of each start, batch and end, and when a job leaves memory (webhooks, metrics, wait_ms). */
    private final List<JobLifecycle> listeners = new CopyOnWriteArrayList<>();

    /** Rows another table keeps for a job, which go when the job's row goes. */
    @FunctionalInterface
    public interface JobRows {
        /** Deletes them; returns how many went. */
        int deleteForJob(Connection c, String jobId) throws SQLException;
    }

    public JobStore(Store store) {
        this(store, null);
    }

    /** node: this node's id (caravan.node.id), which fences the writes of its jobs on a shared database. */
    public JobStore(Store store, String node) {
        this.store = store;
        this.fencedNode = store.dialect().sharedByProcesses() ? node : null;
        createTable();
    }

    private void createTable() {
        SqlDialect sql = store.dialect();
        String text = sql.textType();
        store.createTablesIfMissing("CARAVAN", "JOBS",
                "CREATE TABLE CARAVAN.JOBS (ID VARCHAR(36) NOT NULL PRIMARY KEY, TYPE VARCHAR(64) NOT NULL,"
                        + " USERNAME VARCHAR(1024) NOT NULL, CREATED_DATETIME BIGINT NOT NULL, START_DATETIME BIGINT NOT NULL,"
                        + " END_DATETIME BIGINT, STATUS VARCHAR(16) NOT NULL, MESSAGE " + text + ", MESSAGE_IS_JSON BOOLEAN,"
                        + " RESULT " + text + ", REQUEST " + text + ", PHASE VARCHAR(16), ROWS_READ BIGINT NOT NULL DEFAULT 0,"
                        + " ROWS_WRITTEN BIGINT NOT NULL DEFAULT 0, ROWS_SKIPPED BIGINT NOT NULL DEFAULT 0,"
                        + " ROWS_FAILED BIGINT NOT NULL DEFAULT 0, BYTES_READ BIGINT NOT NULL DEFAULT 0, BYTES_TOTAL BIGINT,"
                        + " CANCELLED BOOLEAN NOT NULL DEFAULT FALSE, INTERRUPTED BOOLEAN NOT NULL DEFAULT FALSE)",
                sql.createIndex("CARAVAN", "JOBS_BY_START", "JOBS", "START_DATETIME"),
                sql.createIndex("CARAVAN", "JOBS_BY_STATUS", "JOBS", "STATUS"));
        // a job table made before loads counted row outcomes gains their column
        store.addColumnIfMissing("CARAVAN", "JOBS", "OUTCOMES", text);
        // the node a job must run on, if any (JobPinning; docs/decisions/0011-cluster-job-queue.md)
        store.addColumnIfMissing("CARAVAN", "JOBS", "PINNED_NODE", "VARCHAR(256)");
        // the database and table a job names (JobTarget), for list_jobs; null in rows written before them
        store.addColumnIfMissing("CARAVAN", "JOBS", "DATABASE_NAME", "VARCHAR(" + JobTarget.MAX_NAME_CHARS + ")");
        store.addColumnIfMissing("CARAVAN", "JOBS", "TABLE_NAME", "VARCHAR(" + JobTarget.MAX_NAME_CHARS + ")");
        // list_jobs' filtered pages, newest first, read in index order and stopped at the page's end
        // (JobListing; measured in docs/benchmarks.md): Derby cannot scan an index backwards, hence DESC
        for (String[] index : JobListing.INDEXES) {
            store.createIndexIfMissing("CARAVAN", "JOBS", index[0], index[1]);
        }
    }

    /** Registers rows kept per job elsewhere, to be deleted with the job. */
    public void alsoDelete(JobRows rows) {
        dependents.add(rows);
    }

    /** Tells the listener of every job's start, batches and end from now on (JobLifecycle). */
    public void listen(JobLifecycle listener) {
        listeners.add(listener);
    }

    private void tell(Consumer<JobLifecycle> news) {
        for (JobLifecycle listener : listeners) {
            try {
                news.accept(listener);
            } catch (RuntimeException e) {
                // a listener's failure is its own: the job goes on
                LOG.warn("A job listener failed: {}",
                        SecretUrls.redactIn(String.valueOf(e.getMessage())));
            }
        }
    }

    /** Removes a finished job's row and everything kept for it; false when there is no such finished job. */
    public boolean deleteFinished(String id) {
        return store.inTransaction(c -> deleteFinished(c, id).isPresent());
    }

    /**
     * The same on the caller's transaction: the number of rows kept for the job elsewhere that went with it,
     * or empty when there was no such finished job (another node's purge may have taken it first).
     */
    public OptionalLong deleteFinished(Connection c, String id) throws SQLException {
        int deleted = Store.update(c, "DELETE FROM CARAVAN.JOBS WHERE ID = ? AND STATUS <> '" + JobStatus.IN_PROGRESS
                + "'", id);
        if (deleted == 0) {
            return OptionalLong.empty();
        }
        long dependentRows = 0;
        for (JobRows rows : dependents) {
            dependentRows += rows.deleteForJob(c, id);
        }
        return OptionalLong.of(dependentRows);
    }

    /**
     * Up to limit finished jobs that ended before the given time, oldest first (the job retention). On a
     * shared database only those any node may run and those pinned to this node: a pinned job's files are
     * on its own node (JobPinning).
     */
    public List<Job> endedBefore(long endedBefore, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM CARAVAN.JOBS WHERE STATUS <> '" + JobStatus.IN_PROGRESS
                + "' AND END_DATETIME < ?" + (fencedNode == null ? "" : " AND (PINNED_NODE IS NULL OR PINNED_NODE = ?)")
                + " ORDER BY END_DATETIME, ID FETCH FIRST " + limit + " ROWS ONLY";
        return store.inTransaction(c -> {
            List<Job> jobs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, endedBefore);
                if (fencedNode != null) {
                    ps.setString(2, fencedNode);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(read(rs));
                    }
                }
            }
            return jobs;
        });
    }

    /** Replaces the stored request of a running job, on the caller's transaction (retry_job's resume). */
    public void replaceRequest(Connection c, String id, ObjectNode request) throws SQLException {
        Store.update(c, "UPDATE CARAVAN.JOBS SET REQUEST = ? WHERE ID = ?", HarperJson.write(request), id);
        store.afterCommit(c, () -> running.computeIfPresent(id, (k, job) -> job.withRequest(request)));
    }

    /** Writes a new IN_PROGRESS job, queued. */
    public void create(String id, String type, String user, ObjectNode redactedRequest, long now) {
        create(id, type, user, redactedRequest, now, null);
    }

    /** Writes a new IN_PROGRESS job, queued, that only pinnedNode may run (null: any node; JobPinning). */
    public void create(String id, String type, String user, ObjectNode redactedRequest, long now, String pinnedNode) {
        store.inTransaction(c -> {
            create(c, id, type, user, redactedRequest, now, pinnedNode);
            return null;
        });
    }

    /** The same on the caller's transaction, e.g. with the job's idempotency key (IdempotencyKeys). */
    public void create(Connection c, String id, String type, String user, ObjectNode redactedRequest, long now)
            throws SQLException {
        create(c, id, type, user, redactedRequest, now, null);
    }

    /** A job pinned to a node (or null), on the caller's transaction. */
    public void create(Connection c, String id, String type, String user, ObjectNode redactedRequest, long now,
                       String pinnedNode) throws SQLException {
        JobTarget target = JobTarget.of(redactedRequest);
        Store.update(c, "INSERT INTO CARAVAN.JOBS (ID, TYPE, USERNAME, CREATED_DATETIME, START_DATETIME, STATUS, REQUEST,"
                + " PHASE, PINNED_NODE, DATABASE_NAME, TABLE_NAME) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, type, user, now, now, JobStatus.IN_PROGRESS.name(), HarperJson.write(redactedRequest),
                JobPhase.QUEUED.label(), pinnedNode, target.database(), target.table());
    }

    /** The job: a running job's last committed state from memory, any other from the table. */
    public Optional<Job> find(String id) {
        Job runningJob = running.get(id);
        return runningJob != null ? Optional.of(runningJob) : findStored(id);
    }

    /** The job a route is about to run: it must be in the job table, or the run fails as a job. */
    public Job require(String id) {
        return find(id).orElseThrow(() -> new JobFailedException("job " + id + " is not in the job table"));
    }

    /** The job if it is running: its last committed state, from memory only. */
    public Optional<Job> findRunning(String id) {
        return Optional.ofNullable(running.get(id));
    }

    private Optional<Job> findStored(String id) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM CARAVAN.JOBS WHERE ID = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<Job>empty();
                }
            }
        });
    }

    /** Jobs with from < start_datetime < to, ascending by start (contract §12). */
    public List<Job> startedBetween(long fromExclusive, long toExclusive) {
        List<Job> jobs = query("SELECT " + COLUMNS + " FROM CARAVAN.JOBS"
                + " WHERE START_DATETIME > ? AND START_DATETIME < ? ORDER BY START_DATETIME, CREATED_DATETIME",
                fromExclusive, toExclusive);
        jobs.replaceAll(job -> running.getOrDefault(job.id(), job));
        return jobs;
    }

    /** A worker took the job: phase reading, and from now on get_job answers it from memory. */
    public void startRunning(String id) {
        setPhase(id, JobPhase.READING);
        findStored(id).ifPresent(job -> {
            windows.put(id, new ProgressWindow(System.nanoTime(), job.progress().rowsRead(), job.progress().bytesRead()));
            running.put(id, job);
            tell(listener -> listener.started(job));
        });
    }

    /** The job ended, or stopped for a shutdown (its last change committed): get_job reads the table again. */
    public void stopRunning(String id) {
        running.remove(id);
        windows.remove(id);
        tell(listener -> listener.answeredFromTable(id));
    }

    /**
     * The job's pace for its view: a job this process runs, over its last seconds (from memory, never
     * waiting); any other, the average since it started (ProgressRate.average).
     */
    public ProgressRate rate(Job job) {
        ProgressWindow window = job.isFinished() ? null : windows.get(job.id());
        return window != null ? window.rate(System.nanoTime(), ProgressRate.bytesLeft(job))
                : ProgressRate.average(job, System.currentTimeMillis());
    }

    /**
     * One page of jobs, without their requests (list_jobs shows none: not reading them spares a text
     * column and its parse per row): where (with its parameters), in orderBy's order, from offset, at
     * most limit; jobs this process runs as they are in memory (JobListing).
     */
    List<Job> page(String where, List<Object> params, String orderBy, long offset, int limit) {
        String columns = COLUMNS.replace(" REQUEST,", " CAST(NULL AS " + store.dialect().textType() + "),");
        List<Job> jobs = store.inTransaction(c -> {
            List<Job> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM CARAVAN.JOBS"
                    + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY " + orderBy
                    + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = 0;
                for (Object param : params) {
                    ps.setObject(++i, param);
                }
                ps.setLong(++i, offset);
                ps.setInt(++i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
            }
            return found;
        });
        jobs.replaceAll(job -> running.getOrDefault(job.id(), job));
        return jobs;
    }

    /** Which of these jobs are still IN_PROGRESS in the table, in one query (JobWaits.pollStore). */
    public Set<String> stillInProgress(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        return store.inTransaction(c -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM CARAVAN.JOBS WHERE STATUS = '"
                    + JobStatus.IN_PROGRESS + "' AND ID IN (" + marks + ")")) {
                int i = 1;
                for (String id : ids) {
                    ps.setString(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        });
    }

    public List<Job> inProgress() {
        return query("SELECT " + COLUMNS + " FROM CARAVAN.JOBS WHERE STATUS = '" + JobStatus.IN_PROGRESS
                + "' ORDER BY CREATED_DATETIME");
    }

    private List<Job> query(String sql, long... params) {
        return store.inTransaction(c -> {
            List<Job> jobs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setLong(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(read(rs));
                    }
                }
            }
            return jobs;
        });
    }

    public void setPhase(String id, JobPhase phase) {
        store.update("UPDATE CARAVAN.JOBS SET PHASE = ? WHERE ID = ? AND STATUS = '" + JobStatus.IN_PROGRESS + "'", phase.label(),
                id);
        running.computeIfPresent(id, (k, job) -> job.withPhase(phase));
    }

    /** A load starts counting its rows' outcomes: get_job shows them, at zero, from now on. */
    public void startCountingOutcomes(String id) {
        store.update("UPDATE CARAVAN.JOBS SET OUTCOMES = ? WHERE ID = ? AND OUTCOMES IS NULL", RowOutcomes.NONE.toJson(), id);
        running.computeIfPresent(id, (k, job) -> job.progress().outcomes() != null ? job
                : job.withProgress(job.phase(), job.progress().withOutcomes(RowOutcomes.NONE)));
    }

    public void setBytesTotal(String id, Long bytesTotal) {
        store.update("UPDATE CARAVAN.JOBS SET BYTES_TOTAL = ? WHERE ID = ?", bytesTotal, id);
        running.computeIfPresent(id, (k, job) ->
                job.withProgress(job.phase(), job.progress().withBytesTotal(bytesTotal)));
    }

    /** Records a committed batch's counts on the batch's own connection, inside its transaction. */
    public void recordProgress(Connection c, String id, Job.Progress p) throws SQLException {
        String sql = "UPDATE CARAVAN.JOBS SET ROWS_READ = ?, ROWS_WRITTEN = ?, ROWS_SKIPPED = ?, ROWS_FAILED = ?,"
                + " BYTES_READ = ?, PHASE = ?, OUTCOMES = ? WHERE ID = ?";
        Object[] params = {p.rowsRead(), p.rowsWritten(), p.rowsSkipped(), p.rowsFailed(), p.bytesRead(),
                JobPhase.WRITING.label(), p.outcomes() == null ? null : p.outcomes().toJson(), id};
        if (fencedNode == null) {
            Store.update(c, sql, params);
        } else if (Store.update(c, sql + " AND OWNER_NODE = ?", with(params, fencedNode)) == 0) {
            throw new JobLeaseLostException(id); // the batch rolls back with this update
        }
        store.afterCommit(c, () -> {
            Job before = running.get(id);
            running.computeIfPresent(id, (k, job) ->
                    job.withProgress(JobPhase.WRITING, p.withBytesTotal(job.progress().bytesTotal())));
            if (before != null) {
                tell(listener -> listener.batchCommitted(before.type(), before.progress(), p));
            }
            ProgressWindow window = windows.get(id);
            if (window != null) {
                window.add(System.nanoTime(), p.rowsRead(), p.bytesRead());
            }
        });
    }

    /**
     * COMPLETE with a message (and a result object for exports). The stored request stays (it holds no
     * secret): retry_job runs it again, and delete_job and the retention find the job's files from it.
     */
    public boolean complete(String id, String message, JsonNode result, long now) {
        return finish(id, JobStatus.COMPLETE, TextNode.valueOf(message), result, now, false, false);
    }

    /** ERROR with a message (a string or Harper's permission object). */
    public boolean fail(String id, JsonNode message, long now, boolean cancelled, boolean interrupted) {
        return finish(id, JobStatus.ERROR, message, null, now, cancelled, interrupted);
    }

    private boolean finish(String id, JobStatus status, JsonNode message, JsonNode result, long now,
                           boolean cancelled, boolean interrupted) {
        String sql = "UPDATE CARAVAN.JOBS SET STATUS = ?, MESSAGE = ?, MESSAGE_IS_JSON = ?, RESULT = ?,"
                + " END_DATETIME = ?, PHASE = ?, CANCELLED = ?, INTERRUPTED = ?"
                + " WHERE ID = ? AND STATUS = '" + JobStatus.IN_PROGRESS + "'";
        Object[] params = {status.name(), message.isTextual() ? message.textValue() : HarperJson.write(message),
                !message.isTextual(), result == null ? null : HarperJson.write(result), now, JobPhase.DONE.label(),
                cancelled, interrupted, id};
        Optional<Job> before = listeners.isEmpty() ? Optional.empty() : beforeItEnds(id);
        boolean ended = fencedNode == null ? store.update(sql, params) == 1
                // a job held by another node is that node's to end; one held by none (queued) any node may end
                : store.update(sql + " AND (OWNER_NODE IS NULL OR OWNER_NODE = ?)", with(params, fencedNode)) == 1;
        if (ended) {
            before.ifPresent(job -> tell(listener -> listener.ended(
                    job.ended(status, message, result, now, cancelled, interrupted))));
        }
        if (ended && !running.containsKey(id)) {
            tell(listener -> listener.answeredFromTable(id)); // a running job's is told at stopRunning
        }
        return ended;
    }

    /**
     * The job as it is before its end, request included, which with the end's own fields is the job as it
     * ended (the same values its row then holds): from memory when it runs here, else one query. A
     * failure to read it costs only the listeners' news of this end, never the end itself.
     */
    private Optional<Job> beforeItEnds(String id) {
        try {
            return find(id);
        } catch (RuntimeException e) {
            LOG.warn("Job {} is ending, but it could not be read for its listeners: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    private static Object[] with(Object[] params, Object last) {
        Object[] all = Arrays.copyOf(params, params.length + 1);
        all[params.length] = last;
        return all;
    }

    private static Job read(ResultSet rs) throws SQLException {
        long end = rs.getLong(6);
        Long endDatetime = rs.wasNull() ? null : end;
        String messageText = rs.getString(8);
        JsonNode message = messageText == null ? null
                : rs.getBoolean(9) ? parse(messageText) : TextNode.valueOf(messageText);
        String result = rs.getString(10);
        String request = rs.getString(11);
        long total = rs.getLong(18);
        Long bytesTotal = rs.wasNull() ? null : total;
        String outcomes = rs.getString(21);
        Job.Progress progress = new Job.Progress(rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16),
                rs.getLong(17), bytesTotal, outcomes == null ? null : RowOutcomes.fromJson(parse(outcomes)));
        return new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), endDatetime,
                JobStatus.valueOf(rs.getString(7)), message, result == null ? null : parse(result),
                request == null ? null : (ObjectNode) parse(request), JobPhase.ofLabel(rs.getString(12)), progress,
                rs.getBoolean(19), rs.getBoolean(20), new JobTarget(rs.getString(22), rs.getString(23)));
    }

    private static JsonNode parse(String text) {
        try {
            return HarperJson.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("job table holds unreadable JSON", e);
        }
    }
}
