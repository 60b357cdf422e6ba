package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The row errors table (CARAVAN.ROW_ERRORS): the skipped and failed rows of each load, and notes on rows
 * written with something dropped, written in the transaction of their batch so a resumed job neither
 * loses nor repeats one. A row has one entry per reason. Each error is a JSON object (row, line,
 * byte_offset, outcome, reason, column, value, raw, message) with its texts cut to bounded excerpts.
 */
public class RowErrorStore {
    static final int VALUE_CHARS = 200;
    static final int RAW_CHARS = 500;
    static final int MESSAGE_CHARS = 1000;
    static final int COLUMN_CHARS = 250;

    private final Store store;

    /** The table beside the job table; its rows go with their job's (JobStore.deleteFinished). */
    public RowErrorStore(Store store, JobStore jobs) {
        this.store = store;
        jobs.alsoDelete(this::deleteForJob);
        store.createTablesIfMissing("CARAVAN", "ROW_ERRORS",
                "CREATE TABLE CARAVAN.ROW_ERRORS (JOB_ID VARCHAR(36) NOT NULL, SOURCE_ROW BIGINT NOT NULL,"
                        + " REASON VARCHAR(32) NOT NULL, OUTCOME VARCHAR(16) NOT NULL, LINE_NUMBER BIGINT, BYTE_OFFSET BIGINT,"
                        + " COLUMN_NAME VARCHAR(" + COLUMN_CHARS + "), VALUE_EXCERPT VARCHAR(" + VALUE_CHARS + "),"
                        + " RAW_EXCERPT VARCHAR(" + RAW_CHARS + "), MESSAGE VARCHAR(" + MESSAGE_CHARS + "),"
                        + " PRIMARY KEY (JOB_ID, SOURCE_ROW, REASON))");
    }

    /** One row error as get_job and get_job_errors show it; texts are cut to their excerpt lengths. */
    public static ObjectNode error(long row, Long line, Long byteOffset, String outcome, String reason, String column,
                                   String value, String raw, String message) {
        ObjectNode e = HarperJson.object();
        e.put("row", row);
        if (line != null) {
            e.put("line", line);
        }
        if (byteOffset != null) {
            e.put("byte_offset", byteOffset);
        }
        e.put("outcome", outcome);
        e.put("reason", reason);
        if (column != null) {
            e.put("column", excerpt(column, COLUMN_CHARS));
        }
        if (value != null) {
            e.put("value", excerpt(value, VALUE_CHARS));
        }
        if (raw != null) {
            e.put("raw", excerpt(raw, RAW_CHARS));
        }
        e.put("message", excerpt(message == null ? reason : message, MESSAGE_CHARS));
        return e;
    }

    /** The text, or its start and an ellipsis when longer than max characters. */
    static String excerpt(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character in two
        }
        return text.substring(0, end) + "\u2026";
    }

    /** Records a batch's errors on the batch's own connection, inside its transaction. */
    public void record(Connection c, String jobId, List<ObjectNode> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO CARAVAN.ROW_ERRORS (JOB_ID, SOURCE_ROW, REASON,"
                + " OUTCOME, LINE_NUMBER, BYTE_OFFSET, COLUMN_NAME, VALUE_EXCERPT, RAW_EXCERPT, MESSAGE)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ObjectNode e : errors) {
                ps.setString(1, jobId);
                ps.setLong(2, e.get("row").asLong());
                ps.setString(3, e.get("reason").asText());
                ps.setString(4, e.get("outcome").asText());
                setLong(ps, 5, e.get("line"));
                setLong(ps, 6, e.get("byte_offset"));
                setText(ps, 7, e.get("column"));
                setText(ps, 8, e.get("value"));
                setText(ps, 9, e.get("raw"));
                setText(ps, 10, e.get("message"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setLong(PreparedStatement ps, int index, JsonNode value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.asLong());
        }
    }

    private static void setText(PreparedStatement ps, int index, JsonNode value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value.asText());
        }
    }

    /** A page of a job's errors in row order, optionally of one reason. */
    public ArrayNode page(String jobId, String reason, long offset, int limit) {
        return store.inTransaction(c -> {
            ArrayNode out = HarperJson.array();
            String sql = "SELECT SOURCE_ROW, LINE_NUMBER, BYTE_OFFSET, OUTCOME, REASON, COLUMN_NAME, VALUE_EXCERPT,"
                    + " RAW_EXCERPT, MESSAGE FROM CARAVAN.ROW_ERRORS WHERE JOB_ID = ?"
                    + (reason == null ? "" : " AND REASON = ?")
                    + " ORDER BY SOURCE_ROW, REASON OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, jobId);
                if (reason != null) {
                    ps.setString(i++, reason);
                }
                ps.setLong(i++, offset);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long line = rs.getLong(2);
                        Long lineNumber = rs.wasNull() ? null : line;
                        long bytes = rs.getLong(3);
                        Long byteOffset = rs.wasNull() ? null : bytes;
                        out.add(error(rs.getLong(1), lineNumber, byteOffset, rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                }
            }
            return out;
        });
    }

    /** How many errors the table holds for the job, optionally of one reason. */
    public long count(String jobId, String reason) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM CARAVAN.ROW_ERRORS WHERE JOB_ID = ?"
                    + (reason == null ? "" : " AND REASON = ?"))) {
                ps.setString(1, jobId);
                if (reason != null) {
                    ps.setString(2, reason);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Removes a job's errors, with its row (the job's retention). */
    public int deleteForJob(Connection c, String jobId) throws SQLException {
        return Store.update(c, "DELETE FROM CARAVAN.ROW_ERRORS WHERE JOB_ID = ?", jobId);
    }

    /**
     * Copies a job's errors to the job that retries it and goes on after it (retry_job), so the new job's
     * counts and its errors agree; on the new job's batch transaction.
     */
    public void copyForRetry(Connection c, String fromJob, String toJob) throws SQLException {
        String columns = "SOURCE_ROW, REASON, OUTCOME, LINE_NUMBER, BYTE_OFFSET, COLUMN_NAME, VALUE_EXCERPT, RAW_EXCERPT,"
                + " MESSAGE";
        Store.update(c, "INSERT INTO CARAVAN.ROW_ERRORS (JOB_ID, " + columns + ") SELECT CAST(? AS VARCHAR(36)), "
                + columns + " FROM CARAVAN.ROW_ERRORS WHERE JOB_ID = ?", toJob, fromJob);
    }
}
