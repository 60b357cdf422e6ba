package dev.caravan.load;

import dev.caravan.store.SqlDialect;
import dev.caravan.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The load history (CARAVAN.LOAD_HISTORY, docs/decisions/0007-exactly-once.md): one row per completed
 * load, naming its target table and its source's fingerprint. A row is written at the end of the job's
 * route and counts only once its job is COMPLETE (a crash before that leaves a row of an unfinished job,
 * which a lookup ignores and the resumed job rewrites). Rows go with their job's row (ON DELETE CASCADE).
 */
public class LoadHistory {
    private final Store store;

    /** A completed load of a source: its job and when it ended. */
    record Earlier(String jobId, long endDatetime) {
    }

    public LoadHistory(Store store) {
        this.store = store;
        SqlDialect sql = store.dialect();
        store.createTablesIfMissing("CARAVAN", "LOAD_HISTORY",
                "CREATE TABLE CARAVAN.LOAD_HISTORY (JOB_ID VARCHAR(36) NOT NULL PRIMARY KEY,"
                        + " DATABASE_NAME VARCHAR(1024) NOT NULL, TABLE_NAME VARCHAR(1024) NOT NULL,"
                        + " SOURCE_KEY VARCHAR(64) NOT NULL, SOURCE " + sql.textType() + " NOT NULL,"
                        + " LOADED_DATETIME BIGINT NOT NULL,"
                        + " CONSTRAINT " + sql.ownedName("CARAVAN", "LOAD_HISTORY_JOB")
                        + " FOREIGN KEY (JOB_ID) REFERENCES CARAVAN.JOBS (ID) ON DELETE CASCADE)",
                sql.createIndex("CARAVAN", "LOAD_HISTORY_BY_SOURCE", "LOAD_HISTORY", "SOURCE_KEY, DATABASE_NAME, TABLE_NAME"));
    }

    /** The latest completed load of the source into the table, if any. */
    Optional<Earlier> completedLoad(String database, String table, String sourceKey) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT h.JOB_ID, j.END_DATETIME FROM CARAVAN.LOAD_HISTORY h"
                    + " JOIN CARAVAN.JOBS j ON j.ID = h.JOB_ID WHERE h.SOURCE_KEY = ? AND h.DATABASE_NAME = ?"
                    + " AND h.TABLE_NAME = ? AND j.STATUS = 'COMPLETE' ORDER BY j.END_DATETIME DESC FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, sourceKey);
                ps.setString(2, database);
                ps.setString(3, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Earlier(rs.getString(1), rs.getLong(2))) : Optional.<Earlier>empty();
                }
            }
        });
    }

    /** Records the job's load of its source (again, for a job resumed after a crash). */
    void record(String jobId, String database, String table, String sourceKey, String sourceJson, long now) {
        store.inTransaction(c -> {
            Store.update(c, "DELETE FROM CARAVAN.LOAD_HISTORY WHERE JOB_ID = ?", jobId);
            return Store.update(c, "INSERT INTO CARAVAN.LOAD_HISTORY (JOB_ID, DATABASE_NAME, TABLE_NAME, SOURCE_KEY,"
                    + " SOURCE, LOADED_DATETIME) VALUES (?, ?, ?, ?, ?, ?)", jobId, database, table, sourceKey, sourceJson, now);
        });
    }
}
