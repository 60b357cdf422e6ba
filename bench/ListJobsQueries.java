import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobListing;
import dev.caravan.jobs.JobStore;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.Store;
import dev.caravan.store.StoreLocation;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Arrays;

/**
 * What the job table's list_jobs indexes buy (list-jobs-queries.sh): on a store FillJobTable filled, each
 * page shape below is answered through JobListing as the server answers it (no HTTP), RUNS times after
 * warming up, with the indexes, then again after dropping them; the median and p99 per shape.
 * Usage (classpath: target/caravan.jar): java ListJobsQueries DATA_DIR RUNS [POSTGRES_URL USER PASSWORD]
 */
public class ListJobsQueries {
    private static final String[][] SHAPES = {
        {"status COMPLETE, user, limit 50", "{'status':'COMPLETE','user':'user3','limit':50}"},
        {"the same, next page (cursor)", null},
        {"no filter, limit 50 (the console's list)", "{'limit':50}"},
        {"type export_local, limit 50", "{'type':'export_local','limit':50}"},
        {"database and table, limit 50", "{'database':'bench','table':'t7','limit':50}"},
        {"status ERROR, by end time, limit 50", "{'status':'ERROR','sort':{'attribute':'end_datetime','descending':true},'limit':50}"},
        {"user, from/to one day, limit 50", "{'user':'user5','from':'2026-11-20T00:00:00Z','to':'2026-11-21T00:00:00Z','limit':50}"},
    };
    private static final String[] INDEXES = {"JOBS_BY_USER_START", "JOBS_BY_STATUS_START", "JOBS_BY_TYPE_START",
        "JOBS_BY_TABLE_START", "JOBS_BY_START_DESC"};

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        StoreLocation location = args.length > 2 ? new StoreLocation(args[2], args[3], args[4]) : new StoreLocation("", "", "");
        User admin = new User("HDB_ADMIN", true, new User.Role("su", "su",
                (ObjectNode) HarperJson.parse("{\"super_user\":true}"), 1, 1));
        try (Store store = location.open(dataDir, 2)) {
            OperationRegistry registry = new OperationRegistry();
            new JobListing(new JobStore(store), false).register(registry);
            double[][] with = measure(registry, admin, runs);
            store.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String index : INDEXES) {
                        s.execute("DROP INDEX CARAVAN." + index);
                    }
                }
                return null;
            });
            double[][] without = measure(registry, admin, runs);
            System.out.println("| page | with the indexes: median / p99 | without: median / p99 |");
            System.out.println("|---|---|---|");
            for (int i = 0; i < SHAPES.length; i++) {
                System.out.printf("| %s | %.2f / %.2f ms | %.2f / %.2f ms |%n", SHAPES[i][0], with[i][0], with[i][1],
                        without[i][0], without[i][1]);
            }
        }
    }

    private static double[][] measure(OperationRegistry registry, User admin, int runs) throws Exception {
        double[][] out = new double[SHAPES.length][];
        String cursor = null;
        for (int i = 0; i < SHAPES.length; i++) {
            String body = SHAPES[i][1] != null ? SHAPES[i][1].replace('\'', '"')
                    : SHAPES[0][1].replace('\'', '"').replace("}", ",\"cursor\":\"" + cursor + "\"}");
            long[] times = new long[runs];
            for (int r = -Math.max(5, runs / 5); r < runs; r++) {
                ObjectNode request = (ObjectNode) HarperJson.parse(body);
                request.put("operation", "list_jobs");
                long t0 = System.nanoTime();
                JsonNode page = registry.run(new OperationRequest(request, admin, new Access(admin)));
                long elapsed = System.nanoTime() - t0;
                if (page.get("jobs").size() == 0) {
                    throw new IllegalStateException("empty page for " + body);
                }
                if (i == 0) {
                    cursor = page.get("next_cursor").asText();
                }
                if (r >= 0) {
                    times[r] = elapsed;
                }
            }
            Arrays.sort(times);
            out[i] = new double[] {times[runs / 2] / 1e6, times[Math.max(0, (int) Math.ceil(runs * 0.99) - 1)] / 1e6};
        }
        return out;
    }
}
