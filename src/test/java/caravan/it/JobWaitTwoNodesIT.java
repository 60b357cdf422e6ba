package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wait_ms on a node that does not run the job (two nodes on one PostgreSQL database): the waiter learns
 * of the end from the job table, where one query per caravan.jobs.poll-millis asks about every waited job.
 * A csv_file_load runs only on the node that took it (its file is that node's), so node B never runs it.
 */
class JobWaitTwoNodesIT {
    private static final long BOUND = 60_000;
    private static final int ROWS = 200_000;
    @TempDir
    static Path files;
    private static TwoNodes nodes;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new TwoNodes(Map.of("CARAVAN_JOBS_POLL_MILLIS", "500"));
        nodes.a().start();
        nodes.a().admin().ok("{'operation':'create_database','database':'jw2'}");
        nodes.b().start();
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aWaiterOnAnotherNodeIsAnsweredWhenTheJobEnds() {
        ApiClient a = nodes.a().admin();
        String table = a.newTable("jw2");
        String job = new Jobs(a).submit("{'operation':'csv_file_load','database':'jw2','table':'" + table
                + "','file_path':'" + TestFiles.dogs(files, ROWS) + "'}");

        assertEquals("IN_PROGRESS", new Jobs(nodes.b().admin()).get(job).path("status").asText(), "B waits on a running job");
        long start = System.nanoTime();
        JsonNode answer = nodes.b().admin().ok("{'operation':'get_job','id':'" + job + "','wait_ms':" + BOUND + "}");
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        System.out.printf("JobWaitTwoNodesIT: node B's waiter answered after %d ms%n", waitedMs);
        assertEquals("COMPLETE", answer.get(0).path("status").asText(), answer::toString);
        assertEquals(ROWS, answer.get(0).path("progress").path("rows_written").asLong(), answer::toString);
        assertTrue(waitedMs < BOUND, "answered when the job ended on node A, not at the end of the wait: " + waitedMs);
    }
}
