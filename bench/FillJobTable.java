import dev.caravan.jobs.JobStore;
import dev.caravan.jobs.RowOutcomes;
import dev.caravan.store.Catalog;
import dev.caravan.store.Store;
import dev.caravan.store.StoreLocation;
import dev.caravan.store.TxClock;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Random;
import java.util.UUID;

/**
 * Fills the job table of a stopped server's store with COUNT finished jobs, for list-jobs-latency.sh:
 * the store is opened as Caravan opens it (Catalog and JobStore make the table, its columns and indexes), then the
 * rows go in with batched INSERTs, many to a transaction (through the API, 100,000 jobs would take an
 * hour). Deterministic (seeded): 10 users (user0..user9), four job types, 90% COMPLETE and 10% ERROR,
 * one job every 26 s on average over the 30 days before 2026-12-01, each running 2-60 s, with a stored
 * request like a load's or an export's. On PostgreSQL the table is then analysed, as autovacuum would have.
 * Usage (classpath: target/caravan.jar): java FillJobTable DATA_DIR COUNT [POSTGRES_URL USER PASSWORD]
 */
public class FillJobTable {
    private static final String[] TYPES = {"csv_file_load", "csv_data_load", "import_from_s3", "export_local"};
    private static final int PER_TRANSACTION = 5_000;

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        StoreLocation location = args.length > 2 ? new StoreLocation(args[2], args[3], args[4]) : new StoreLocation("", "", "");
        try (Store store = location.open(dataDir, 2)) {
            new Catalog(store, new TxClock()); // first, as at the server's start: it makes the CARAVAN schema
            new JobStore(store);
            Random random = new Random(12);
            long end = 1_796_083_200_000L; // 2026-12-01T00:00:00Z
            long start = end - 30L * 24 * 3600 * 1000;
            long step = (end - start) / count;
            String outcomes = RowOutcomes.NONE.toJson();
            for (int from = 0; from < count; from += PER_TRANSACTION) {
                int first = from;
                store.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO CARAVAN.JOBS (ID, TYPE, USERNAME,"
                            + " CREATED_DATETIME, START_DATETIME, END_DATETIME, STATUS, MESSAGE, MESSAGE_IS_JSON, REQUEST,"
                            + " PHASE, ROWS_READ, ROWS_WRITTEN, BYTES_READ, BYTES_TOTAL, OUTCOMES, DATABASE_NAME, TABLE_NAME)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, 'done', ?, ?, ?, ?, ?, ?, ?)")) {
                        for (int i = first; i < Math.min(count, first + PER_TRANSACTION); i++) {
                            String type = TYPES[random.nextInt(TYPES.length)];
                            boolean ok = random.nextInt(10) != 0;
                            long startAt = start + i * step + random.nextInt((int) step);
                            long rows = 1 + random.nextInt(1_000_000);
                            String table = "t" + random.nextInt(50);
                            String request = type.equals("export_local")
                                    ? "{\"operation\":\"export_local\",\"format\":\"csv\",\"path\":\"/data/exports\","
                                    + "\"search_operation\":{\"operation\":\"search_by_value\",\"database\":\"bench\","
                                    + "\"table\":\"" + table + "\",\"search_attribute\":\"id\",\"search_value\":\"*\"}}"
                                    : "{\"operation\":\"" + type + "\",\"action\":\"insert\",\"database\":\"bench\",\"table\":\""
                                    + table + "\",\"file_path\":\"/data/in/dogs-" + i + ".csv\"}";
                            int p = 0;
                            ps.setString(++p, new UUID(random.nextLong(), random.nextLong()).toString());
                            ps.setString(++p, type);
                            ps.setString(++p, "user" + random.nextInt(10));
                            ps.setLong(++p, startAt);
                            ps.setLong(++p, startAt);
                            ps.setLong(++p, startAt + 2_000 + random.nextInt(58_000));
                            ps.setString(++p, ok ? "COMPLETE" : "ERROR");
                            ps.setString(++p, ok ? "successfully loaded " + rows + " of " + rows + " records"
                                    : "Invalid column name 'a/b', cancelling load operation");
                            ps.setString(++p, request);
                            ps.setLong(++p, rows);
                            ps.setLong(++p, ok ? rows : 0);
                            ps.setLong(++p, rows * 80);
                            ps.setLong(++p, rows * 80);
                            ps.setString(++p, type.equals("export_local") ? null : outcomes);
                            ps.setString(++p, "bench");
                            ps.setString(++p, table);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
            }
            if (!location.embedded()) {
                // a server that gathered these jobs over 30 days has had autovacuum analyse the table; one
                // filled a moment ago has no statistics, and the planner sorts a user's every job for a page
                store.update("ANALYZE CARAVAN.JOBS");
            }
            System.out.println("filled " + count + " finished jobs into " + location.describe(dataDir));
        }
    }
}
