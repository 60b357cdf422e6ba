package dev.caravan.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobDetail;
import dev.caravan.jobs.JobStore;
import dev.caravan.store.SqlDialect;
import dev.caravan.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook deliveries table (CARAVAN.JOB_WEBHOOKS), beside the job table and deleted with its job: one
 * row per event and receiver, with its attempts so far, the last HTTP status or error, and whether it was
 * delivered. get_job shows them as "webhooks". While a job runs here its rows are also kept in memory,
 * so get_job answered on the HTTP event loop (api/EventLoopAnswers) shows them without a query.
 */
public class WebhookAttempts implements JobDetail {
    public static final String FIELD = "webhooks";
    static final int ERROR_CHARS = 500;

    private final Store store;
    private final Map<String, Map<String, ObjectNode>> running = new ConcurrentHashMap<>();

    public WebhookAttempts(Store store, JobStore jobs) {
        this.store = store;
        jobs.alsoDelete(this::deleteForJob);
        SqlDialect sql = store.dialect();
        store.createTablesIfMissing("CARAVAN", "JOB_WEBHOOKS",
                "CREATE TABLE CARAVAN.JOB_WEBHOOKS (EVENT_ID VARCHAR(36) NOT NULL PRIMARY KEY,"
                        + " JOB_ID VARCHAR(36) NOT NULL, URL VARCHAR(" + CallbackUrl.MAX_LENGTH + ") NOT NULL,"
                        + " EVENT VARCHAR(16) NOT NULL, EVENT_TIME BIGINT NOT NULL, ATTEMPTS INT NOT NULL,"
                        + " LAST_STATUS INT, LAST_ERROR VARCHAR(" + ERROR_CHARS + "), DELIVERED BOOLEAN NOT NULL)",
                sql.createIndex("CARAVAN", "JOB_WEBHOOKS_BY_JOB", "JOB_WEBHOOKS", "JOB_ID"));
    }

    /** From now until unwatch, the job's deliveries are kept in memory too. */
    void watch(String jobId) {
        running.putIfAbsent(jobId, new ConcurrentHashMap<>());
    }

    void unwatch(String jobId) {
        running.remove(jobId);
    }

    /** The route took the event: its row, with no attempt yet. */
    void begin(WebhookMessage m) {
        store.update("INSERT INTO CARAVAN.JOB_WEBHOOKS (EVENT_ID, JOB_ID, URL, EVENT, EVENT_TIME, ATTEMPTS, DELIVERED)"
                + " VALUES (?, ?, ?, ?, ?, 0, ?)", m.eventId(), m.jobId(), m.url().shown(), m.event(), m.eventTime(),
                false);
        remember(m, view(m.url().shown(), m.event(), m.eventTime(), 0, null, null, false));
    }

    /** An attempt ended: its number, the receiver's HTTP status (null without one), the error text if any. */
    void attempted(WebhookMessage m, int attempts, Integer status, String error, boolean delivered) {
        String cut = error == null ? null : error.length() <= ERROR_CHARS ? error : error.substring(0, ERROR_CHARS);
        store.update("UPDATE CARAVAN.JOB_WEBHOOKS SET ATTEMPTS = ?, LAST_STATUS = ?, LAST_ERROR = ?, DELIVERED = ?"
                + " WHERE EVENT_ID = ?", attempts, status, cut, delivered, m.eventId());
        remember(m, view(m.url().shown(), m.event(), m.eventTime(), attempts, status, cut, delivered));
    }

    private void remember(WebhookMessage m, ObjectNode view) {
        running.computeIfPresent(m.jobId(), (id, byEvent) -> {
            byEvent.put(m.eventId(), view);
            return byEvent;
        });
    }

    @Override
    public void addTo(ObjectNode element, Job job, boolean memoryOnly) {
        ArrayNode deliveries = memoryOnly ? fromMemory(job.id()) : forJob(job.id());
        if (!deliveries.isEmpty()) {
            element.set(FIELD, deliveries); // a job without webhooks shows what it always did
        }
    }

    private ArrayNode fromMemory(String jobId) {
        ArrayNode out = HarperJson.array();
        Map<String, ObjectNode> byEvent = running.get(jobId);
        if (byEvent != null) {
            byEvent.values().stream().sorted(Comparator.<ObjectNode>comparingLong(v -> v.path("event_time").asLong())
                            .thenComparing(v -> WebhookEvent.STARTED.equals(v.path("event").asText()) ? 0 : 1))
                    .map(WebhookAttempts::withoutTime).forEach(out::add);
        }
        return out;
    }

    /** The job's deliveries, in the order of their events. */
    public ArrayNode forJob(String jobId) {
        return store.inTransaction(c -> {
            ArrayNode out = HarperJson.array();
            try (PreparedStatement ps = c.prepareStatement("SELECT URL, EVENT, EVENT_TIME, ATTEMPTS, LAST_STATUS,"
                    + " LAST_ERROR, DELIVERED FROM CARAVAN.JOB_WEBHOOKS WHERE JOB_ID = ?"
                    + " ORDER BY EVENT_TIME, CASE WHEN EVENT = 'started' THEN 0 ELSE 1 END, URL")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt(5);
                        Integer lastStatus = rs.wasNull() ? null : status;
                        out.add(withoutTime(view(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                                lastStatus, rs.getString(6), rs.getBoolean(7))));
                    }
                }
            }
            return out;
        });
    }

    private static ObjectNode view(String url, String event, long eventTime, int attempts, Integer status,
                                   String error, boolean delivered) {
        ObjectNode v = HarperJson.object();
        v.put("url", url);
        v.put("event", event);
        v.put("event_time", eventTime);
        v.put("attempts", attempts);
        if (status != null) {
            v.put("last_status", status);
        }
        if (error != null) {
            v.put("last_error", error);
        }
        v.put("delivered", delivered);
        return v;
    }

    private static ObjectNode withoutTime(ObjectNode view) {
        ObjectNode copy = view.deepCopy();
        copy.remove("event_time");
        return copy;
    }

    private int deleteForJob(Connection c, String jobId) throws SQLException {
        return Store.update(c, "DELETE FROM CARAVAN.JOB_WEBHOOKS WHERE JOB_ID = ?", jobId);
    }
}
