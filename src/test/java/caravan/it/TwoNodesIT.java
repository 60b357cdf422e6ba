package caravan.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Caravan nodes on one PostgreSQL database (docs/decisions/0011-cluster-job-queue.md): jobs
 * submitted to either run once each, a node killed with kill -9 in the middle of a load has it adopted
 * and finished by the other, a cancel sent to the node that does not run a job stops it, and a job
 * pinned to a node that dies ends ERROR naming it. Both nodes run on this machine, so their import roots
 * are one folder, declared shared storage (caravan.cluster.shared-roots); the pinned job's node says they
 * are not. Short leases (5 s, renewed every second) keep the waits short.
 */
class TwoNodesIT {
    private static final int BIG = 1_000_000;
    private static final Duration LONG = Duration.ofSeconds(400);
    @TempDir
    static Path imports;
    private static String storeUrl;
    private static CaravanProcess nodeA;
    private static CaravanProcess nodeB;

    private static Map<String, String> nodeEnv(String nodeId, boolean sharedRoots) {
        Map<String, String> env = new HashMap<>();
        env.put("CARAVAN_STORE_URL", storeUrl);
        env.put("CARAVAN_STORE_USER", PostgresServer.USER);
        env.put("CARAVAN_NODE_ID", nodeId);
        env.put("CARAVAN_JOBS_WORKERS", "2");
        env.put("CARAVAN_JOBS_LEASE_SECONDS", "5");
        env.put("CARAVAN_JOBS_LEASE_RENEW_SECONDS", "1");
        env.put("CARAVAN_JOBS_POLL_MILLIS", "500");
        env.put("CARAVAN_IMPORT_ROOTS", imports.toString());
        env.put("CARAVAN_CLUSTER_SHARED_ROOTS", String.valueOf(sharedRoots));
        return env;
    }

    @BeforeAll
    static void startTwoNodes() {
        storeUrl = PostgresServer.shared().newDatabase();
        nodeA = CaravanProcess.startFresh(nodeEnv("node-a", true));
        // every table before the second node starts: this suite tests the job queue, not the shared catalog
        ApiClient admin = nodeA.admin();
        admin.ok("{'operation':'create_database','database':'cluster'}");
        for (String table : List.of("twenty", "adopted", "cancelled", "pinned")) {
            admin.ok("{'operation':'create_table','database':'cluster','table':'" + table + "','primary_key':'id'}");
        }
        nodeB = CaravanProcess.startFresh(nodeEnv("node-b", true));
    }

    /** A test that kills node A or B starts it again afterwards, with its id. */
    private final List<CaravanProcess> killed = new ArrayList<>();

    private void kill(CaravanProcess node) {
        killed.add(node);
        node.kill();
    }

    @AfterEach
    void bothNodesRun() {
        killed.forEach(CaravanProcess::start);
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void twentyJobsSubmittedToBothNodesRunOnceEach() throws Exception {
        int rowsEach = 2_000;
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            Path file = TestFiles.write(imports, "part-" + n + ".csv", rows(n * rowsEach + 1, rowsEach));
            CaravanProcess to = n % 2 == 0 ? nodeA : nodeB;
            ids.add(new Jobs(to.admin()).submit("{'operation':'csv_file_load','database':'cluster','table':'twenty',"
                    + "'file_path':'" + file + "'}"));
        }
        Map<String, Integer> ranOn = new TreeMap<>();
        for (int n = 0; n < ids.size(); n++) {
            // each asked of the node it was not submitted to: get_job answers from the shared job table
            JsonNode done = new Jobs((n % 2 == 0 ? nodeB : nodeA).admin()).await(ids.get(n), LONG);
            assertEquals("COMPLETE", done.get("status").asText(), done::toString);
            assertEquals("successfully loaded " + rowsEach + " of " + rowsEach + " records", done.get("message").asText());
            Map<String, Object> row = jobRow(ids.get(n));
            assertEquals(rowsEach, ((Number) row.get("rows_written")).intValue(), "written once: " + row);
            ranOn.merge((String) row.get("owner_node"), 1, Integer::sum);
        }
        System.out.println("TwoNodesIT: the 20 jobs ran on " + ranOn);
        assertEquals(20, ranOn.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(ranOn.keySet().stream().allMatch(node -> node.equals("node-a") || node.equals("node-b")), ranOn::toString);
        assertEquals(20L * rowsEach, recordCount(nodeA, "twenty"));
        assertEquals(20L * rowsEach, recordCount(nodeB, "twenty"));
    }

    @Test
    void aNodeKilledInTheMiddleOfALoadHasItAdoptedAndFinishedByTheOther() throws Exception {
        Path file = TestFiles.dogs(imports, BIG);
        String id = new Jobs(nodeA.admin()).submit("{'operation':'csv_file_load','database':'cluster','table':'adopted',"
                + "'file_path':'" + file + "'}");
        Jobs onB = new Jobs(nodeB.admin());
        await().atMost(LONG).pollInterval(Duration.ofMillis(20)).until(() -> onB.get(id),
                j -> j.path("progress").path("rows_written").asLong() >= 50_000);
        assertEquals("node-a", jobRow(id).get("owner_node"), "submitted to node A and running there");

        long killedAt = System.nanoTime();
        kill(nodeA);
        long committedOnA = ((Number) jobRow(id).get("rows_written")).longValue();
        // running again: node B holds it and has committed a batch of its own
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> jobRow(id),
                row -> "node-b".equals(row.get("owner_node")) && "IN_PROGRESS".equals(row.get("status"))
                        && ((Number) row.get("rows_written")).longValue() > committedOnA);
        long runningAgain = System.nanoTime();
        JsonNode done = onB.await(id, LONG);
        long complete = System.nanoTime();

        System.out.printf("TwoNodesIT adoption after kill -9 (%d rows committed on node-a): IN_PROGRESS on node-b with"
                + " its first batch committed after %.1f s, COMPLETE after %.1f s (lease 5 s, renewed every 1 s,"
                + " queue polled every 0.5 s)%n", committedOnA, (runningAgain - killedAt) / 1e9,
                (complete - killedAt) / 1e9);
        assertEquals("COMPLETE", done.get("status").asText(), done::toString);
        assertEquals("successfully loaded " + BIG + " of " + BIG + " records", done.get("message").asText());
        assertEquals(BIG, recordCount(nodeB, "adopted"));
        JsonNode last = nodeB.admin().ok("{'operation':'search_by_hash','database':'cluster','table':'adopted',"
                + "'hash_values':[" + BIG + "],'get_attributes':['name']}");
        assertEquals("Dog " + BIG, last.get(0).get("name").asText());
    }

    @Test
    void aCancelSentToTheOtherNodeStopsTheJob() throws Exception {
        Path file = TestFiles.dogs(imports, BIG);
        String id = new Jobs(nodeA.admin()).submit("{'operation':'csv_file_load','database':'cluster','table':'cancelled',"
                + "'file_path':'" + file + "'}");
        Jobs onB = new Jobs(nodeB.admin());
        await().atMost(LONG).pollInterval(Duration.ofMillis(20)).until(() -> onB.get(id),
                j -> j.path("progress").path("rows_written").asLong() > 0);
        assertEquals("node-a", jobRow(id).get("owner_node"));

        JsonNode answer = nodeB.admin().ok("{'operation':'cancel_job','id':'" + id + "'}");
        assertEquals("Cancelling job " + id, answer.get("message").asText());

        JsonNode done = onB.await(id, Duration.ofSeconds(60));
        assertEquals("ERROR", done.get("status").asText(), done::toString);
        assertTrue(done.get("message").asText().startsWith("Job cancelled; "), done::toString);
        long committed = done.path("progress").path("rows_written").asLong();
        assertTrue(committed < BIG, "stopped before the end: " + done);
        assertEquals(committed, recordCount(nodeA, "cancelled"), "what it reported committed is what is there");
    }

    @Test
    void aPinnedJobWhoseNodeIsKilledEndsErrorNamingThatNode() throws Exception {
        // a third node whose import roots are its own: a csv_file_load it accepts runs only there
        CaravanProcess nodeC = CaravanProcess.startFresh(nodeEnv("node-c", false));
        try {
            Path file = TestFiles.dogs(imports, BIG);
            String id = new Jobs(nodeC.admin()).submit("{'operation':'csv_file_load','database':'cluster',"
                    + "'table':'pinned','file_path':'" + file + "'}");
            Jobs onA = new Jobs(nodeA.admin());
            await().atMost(LONG).pollInterval(Duration.ofMillis(20)).until(() -> onA.get(id),
                    j -> j.path("progress").path("rows_written").asLong() > 0);
            assertEquals("node-c", jobRow(id).get("pinned_node"));

            nodeC.kill();

            JsonNode done = onA.await(id, Duration.ofSeconds(120));
            assertEquals("ERROR", done.get("status").asText(), done::toString);
            String message = done.get("message").asText();
            assertTrue(message.startsWith("Job interrupted: node node-c stopped, and no other node can run the job"),
                    message);
            assertEquals(Boolean.TRUE, jobRow(id).get("interrupted"));
            long committed = done.path("progress").path("rows_written").asLong();
            assertTrue(message.endsWith(committed + " of " + done.path("progress").path("rows_read").asLong()
                    + " records read were committed"), message);
            assertEquals(committed, recordCount(nodeA, "pinned"));
        } finally {
            nodeC.close();
        }
    }

    /** CSV rows id,name for ids from..from+count-1. */
    private static String rows(int from, int count) {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = from; i < from + count; i++) {
            csv.append(i).append(",Row ").append(i).append('\n');
        }
        return csv.toString();
    }

    private static long recordCount(CaravanProcess node, String table) {
        return node.admin().ok("{'operation':'describe_table','database':'cluster','table':'" + table + "'}")
                .get("record_count").asLong();
    }

    /** The job's row in the shared job table, column names in lower case. */
    private static Map<String, Object> jobRow(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(storeUrl, PostgresServer.USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT STATUS, PHASE, OWNER_NODE, PINNED_NODE, ROWS_WRITTEN,"
                     + " INTERRUPTED FROM CARAVAN.JOBS WHERE ID = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no job row " + id);
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                return row;
            }
        }
    }
}
