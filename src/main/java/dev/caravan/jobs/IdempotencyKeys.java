package dev.caravan.jobs;

import dev.caravan.core.HarperException;
import dev.caravan.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The idempotency keys of submitted jobs (CARAVAN.JOB_KEYS, docs/decisions/0007-exactly-once.md): one
 * row per (user, key), written in the transaction that writes its job's row. The primary key makes
 * concurrent submits of one key create one job: the second insert waits for the first transaction and
 * then fails as a duplicate. A key row goes with its job's row (ON DELETE CASCADE).
 */
public class IdempotencyKeys {
    private final Store store;

    /** A key already used: its job, and the fingerprint of the request that created the job. */
    public record Used(String jobId, String requestFingerprint) {
    }

    public IdempotencyKeys(Store store) {
        this.store = store;
        store.createTablesIfMissing("CARAVAN", "JOB_KEYS",
                "CREATE TABLE CARAVAN.JOB_KEYS (USERNAME VARCHAR(1024) NOT NULL, IDEMPOTENCY_KEY VARCHAR(1024) NOT NULL,"
                        + " JOB_ID VARCHAR(36) NOT NULL, REQUEST_FINGERPRINT VARCHAR(64) NOT NULL, CREATED_DATETIME BIGINT NOT NULL,"
                        + " PRIMARY KEY (USERNAME, IDEMPOTENCY_KEY),"
                        + " CONSTRAINT " + store.dialect().ownedName("CARAVAN", "JOB_KEYS_JOB")
                        + " FOREIGN KEY (JOB_ID) REFERENCES CARAVAN.JOBS (ID) ON DELETE CASCADE)");
    }

    public Optional<Used> find(IdempotencyKey key) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT JOB_ID, REQUEST_FINGERPRINT FROM CARAVAN.JOB_KEYS"
                    + " WHERE USERNAME = ? AND IDEMPOTENCY_KEY = ?")) {
                ps.setString(1, key.user());
                ps.setString(2, key.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Used(rs.getString(1), rs.getString(2))) : Optional.<Used>empty();
                }
            }
        });
    }

    /**
     * The job an earlier submit with this key created, if any; 422 when that submit was another request
     * (the key cannot name two different jobs, and quietly answering the old one would hide the mistake).
     */
    public Optional<String> earlierJob(IdempotencyKey key, String requestFingerprint) {
        return find(key).map(used -> {
            if (!used.requestFingerprint().equals(requestFingerprint)) {
                throw new HarperException(422, "idempotency_key '" + key.value() + "' was already used for another"
                        + " request (job " + used.jobId() + "); send a new key for a different request");
            }
            return used.jobId();
        });
    }

    /** Writes the key on the transaction that writes its job's row (after it: the key refers to the job). */
    public void claim(Connection c, IdempotencyKey key, String jobId, String requestFingerprint, long now)
            throws SQLException {
        Store.update(c, "INSERT INTO CARAVAN.JOB_KEYS (USERNAME, IDEMPOTENCY_KEY, JOB_ID, REQUEST_FINGERPRINT,"
                + " CREATED_DATETIME) VALUES (?, ?, ?, ?, ?)", key.user(), key.value(), jobId, requestFingerprint, now);
    }

    /** Whether a failed claim lost to another submit of the same key. */
    public boolean isTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && store.dialect().isDuplicateKey(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
