package dev.caravan.jobs;

import dev.caravan.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The identity of each load job's source and the hash of its bytes up to the last committed batch,
 * kept in two columns of CARAVAN.JOBS (added to a job table of an older version at start-up). The
 * hash is written in the batch's own transaction, so it always matches BYTES_READ and the committed
 * rows; a resume checks both before it goes on (docs/decisions/0002-job-engine.md).
 */
public class JobSources {
    private final Store store;

    /** What a job recorded of its source: the identity (JSON, or null), the last checkpoint's bytes and hash. */
    public record Recorded(String identity, long bytesRead, String hash) {
    }

    public JobSources(Store store) {
        this.store = store;
        addColumnsIfMissing();
    }

    private void addColumnsIfMissing() {
        store.addColumnIfMissing("CARAVAN", "JOBS", "SOURCE_IDENTITY", "VARCHAR(4000)");
        store.addColumnIfMissing("CARAVAN", "JOBS", "SOURCE_HASH", "VARCHAR(64)");
    }

    /** Records the source's identity when the job first opens it. */
    public void recordIdentity(String jobId, String identityJson) {
        store.update("UPDATE CARAVAN.JOBS SET SOURCE_IDENTITY = ? WHERE ID = ?", identityJson, jobId);
    }

    /** Records the hash of the bytes read up to a batch, on the batch's connection, inside its transaction. */
    public void recordHash(Connection c, String jobId, String hash) throws SQLException {
        Store.update(c, "UPDATE CARAVAN.JOBS SET SOURCE_HASH = ? WHERE ID = ?", hash, jobId);
    }

    public Optional<Recorded> find(String jobId) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT SOURCE_IDENTITY, BYTES_READ, SOURCE_HASH FROM CARAVAN.JOBS WHERE ID = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Recorded(rs.getString(1), rs.getLong(2), rs.getString(3)))
                            : Optional.<Recorded>empty();
                }
            }
        });
    }
}
