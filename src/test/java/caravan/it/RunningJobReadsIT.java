package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * get_job and search_jobs_by_start_date of a running load answer while its batch transactions are open
 * (batches of 60,000 rows, seconds each), and only ever show counts that committed: 0, whole batches, all.
 */
class RunningJobReadsIT {
    private static final int ROWS = 150_000;
    private static final int BATCH = 60_000;
    private static final int READERS = 4;

    @TempDir
    static Path files;
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of("CARAVAN_JOB_BATCH_SIZE", String.valueOf(BATCH)));
    private static final ApiClient api = caravan.admin();

    @BeforeAll
    static void createFixtures() {
        api.ok("{'operation':'create_database','database':'rj'}");
    }

    @Test
    void readersOfARunningLoadSeeOnlyCommittedBatches() throws Exception {
        String table = api.newTable("rj");
        Path file = TestFiles.dogs(files, ROWS);
        String job = new Jobs(api).submit("{'operation':'csv_file_load','database':'rj','table':'" + table
                + "','file_path':'" + file + "'}");
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean finished = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        List<Future<?>> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(pool.submit(() -> {
                while (!finished.get()) {
                    JsonNode jobs = api.ok("{'operation':'get_job','id':'" + job + "'}");
                    seen.add(jobs.get(0));
                    finished.compareAndSet(false, !"IN_PROGRESS".equals(jobs.get(0).path("status").asText()));
                }
                return null;
            }));
        }
        List<JsonNode> searched = new CopyOnWriteArrayList<>();
        readers.add(pool.submit(() -> {
            while (!finished.get()) {
                for (JsonNode j : api.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01',"
                        + "'to_date':'2100-01-01'}")) {
                    if (j.path("id").asText().equals(job)) {
                        searched.add(j);
                    }
                }
            }
            return null;
        }));
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(finished::get);
        for (Future<?> reader : readers) {
            reader.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Set<Long> committedCounts = new TreeSet<>(List.of(0L, (long) BATCH, 2L * BATCH, (long) ROWS));
        Set<Long> runningCounts = new TreeSet<>();
        for (JsonNode j : concat(seen, searched)) {
            if ("IN_PROGRESS".equals(j.path("status").asText())) {
                long written = j.path("progress").path("rows_written").asLong();
                assertEquals(written, j.path("progress").path("rows_read").asLong(), j::toString);
                runningCounts.add(written);
            }
        }
        assertTrue(!runningCounts.isEmpty(), "no reader saw the job running");
        assertTrue(committedCounts.containsAll(runningCounts), () -> "counts not at a batch boundary: " + runningCounts);
        JsonNode last = new Jobs(api).get(job);
        assertEquals("COMPLETE", last.path("status").asText(), last::toString);
        assertEquals("successfully loaded " + ROWS + " of " + ROWS + " records", last.path("message").asText());
        assertEquals(ROWS, last.path("progress").path("rows_written").asLong());
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
