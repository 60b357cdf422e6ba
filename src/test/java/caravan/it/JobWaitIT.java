package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * wait_ms on get_job and on job submits (compatibility C25): the answer comes when the job ends or when
 * the wait is up, whichever is first, and waiting requests hold no thread each.
 */
class JobWaitIT {
    private static final long BOUND = 60_000; // caravan.jobs.max-wait-ms's default
    private static final int WAITERS = 200;

    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static final Jobs jobs = new Jobs(admin);
    private static ApiClient loader;
    private static TricklingCsvServer trickle;

    @BeforeAll
    static void createFixtures() throws Exception {
        admin.ok("{'operation':'create_database','database':'jw'}");
        admin.ok("{'operation':'add_role','role':'jw_reader','permission':{'super_user':false}}");
        admin.ok("{'operation':'add_user','role':'jw_reader','username':'jw_user','password':'pw','active':true}");
        loader = caravan.as("jw_user", "pw");
        trickle = TricklingCsvServer.start();
    }

    @AfterAll
    static void stopSources() {
        trickle.close();
    }

    /** A load that never ends by itself (a row every second after the first ten); cancel it when done. */
    private static String endlessLoad() {
        return jobs.submit("{'operation':'csv_url_load','database':'jw','table':'" + admin.newTable("jw")
                + "','csv_url':'" + trickle.url(10, 1000) + "'}");
    }

    private static void cancel(String job) {
        admin.ok("{'operation':'cancel_job','id':'" + job + "'}");
        jobs.await(job);
    }

    private static JsonNode getJobWaiting(ApiClient client, String job, long waitMs) {
        return client.ok("{'operation':'get_job','id':'" + job + "','wait_ms':" + waitMs + "}");
    }

    @Test
    void waitOnARunningLoadAnswersWhenItEnds() throws Exception {
        try (SlowCsvServer slow = SlowCsvServer.start(100_000)) { // about two seconds
            String job = jobs.submit("{'operation':'csv_url_load','database':'jw','table':'" + admin.newTable("jw")
                    + "','csv_url':'" + slow.url() + "'}");
            long start = System.nanoTime();
            JsonNode answer = getJobWaiting(admin, job, BOUND);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(1, answer.size(), answer::toString);
            assertEquals("COMPLETE", answer.get(0).path("status").asText(), answer::toString);
            assertEquals(100_000, answer.get(0).path("progress").path("rows_written").asLong(), answer::toString);
            assertTrue(waitedMs < BOUND, "answered when the job ended, not at the end of the wait: " + waitedMs + " ms");
        }
    }

    @Test
    void waitOnAJobThatDoesNotEndAnswersAfterTheWaitInProgress() {
        String job = endlessLoad();
        long start = System.nanoTime();
        JsonNode answer = getJobWaiting(admin, job, 1500);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals("IN_PROGRESS", answer.get(0).path("status").asText(), answer::toString);
        assertEquals(job, answer.get(0).path("id").asText());
        assertTrue(waitedMs >= 1500, "waited the whole wait_ms: " + waitedMs + " ms");
        cancel(job);
    }

    @Test
    void waitZeroAnswersAsGetJobDoes() {
        String job = endlessLoad();
        // once it reads, its fields stay the same: its first batch commits only after 1,000 rows
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(job).has("outcomes"));
        JsonNode answer = getJobWaiting(admin, job, 0);

        assertEquals("IN_PROGRESS", answer.get(0).path("status").asText(), answer::toString);
        assertEquals(jobs.get(job).properties().stream().map(Map.Entry::getKey).toList(),
                answer.get(0).properties().stream().map(Map.Entry::getKey).toList(), "the same fields as get_job's");
        cancel(job);
    }

    @Test
    void waitMsThatIsNotAWholeNumberUpToTheBoundIs400() {
        String job = endlessLoad();
        for (String bad : new String[] {"60001", "-1", "'500'", "1.5", "null", "true", "[]"}) {
            ApiClient.Response r = admin.post("{'operation':'get_job','id':'" + job + "','wait_ms':" + bad + "}");
            assertEquals(400, r.status(), () -> bad + " -> " + r);
            assertEquals("'wait_ms' must be a whole number of milliseconds from 0 to 60000 (caravan.jobs.max-wait-ms),"
                    + " not " + bad.replace('\'', '"'), r.error());
        }
        cancel(job);
    }

    @Test
    void submitWithABadWaitMsStartsNothing() {
        String table = admin.newTable("jw");
        ApiClient.Response r = admin.post("{'operation':'csv_data_load','database':'jw','table':'" + table
                + "','data':'id,name\\n1,a\\n','wait_ms':" + (BOUND + 1) + "}");

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.error().startsWith("'wait_ms' must be a whole number"), r::toString);
        for (JsonNode j : admin.ok("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01',"
                + "'to_date':'2100-01-01'}")) {
            assertTrue(!j.path("message").asText().contains(table), "no job was started: " + j);
        }
        JsonNode rows = admin.ok("{'operation':'sql','sql':'SELECT * FROM jw." + table + "'}");
        assertEquals(0, rows.size(), rows::toString);
    }

    @Test
    void submitWithWaitAnswersTheFinishedJob() {
        String table = admin.newTable("jw");
        JsonNode answer = admin.ok("{'operation':'csv_data_load','database':'jw','table':'" + table
                + "','data':'id,name\\n1,a\\n2,b\\n3,c\\n','wait_ms':" + BOUND + "}");

        String id = answer.path("job_id").asText();
        assertEquals("Starting job with id " + id, answer.path("message").asText());
        JsonNode job = answer.path("job");
        assertEquals(id, job.path("id").asText(), answer::toString);
        assertEquals("COMPLETE", job.path("status").asText(), answer::toString);
        assertEquals(3, job.path("progress").path("rows_written").asLong(), answer::toString);
        assertEquals(jobs.get(id), job, "the job is get_job's element");
    }

    @Test
    void aSubmitTooLargeToSearchOnTheEventLoopWaitsAllTheSame() {
        String table = admin.newTable("jw");
        StringBuilder data = new StringBuilder("id,name\\n");
        int rows = 0;
        while (data.length() < 80 * 1024) { // over the 64 KiB WaitingRequests searches
            rows++;
            data.append(rows).append(",name-").append(rows).append("\\n");
        }
        JsonNode answer = admin.ok("{'operation':'csv_data_load','database':'jw','table':'" + table
                + "','data':'" + data + "','wait_ms':" + BOUND + "}");

        JsonNode job = answer.path("job");
        assertEquals(answer.path("job_id").asText(), job.path("id").asText(), answer::toString);
        assertEquals("COMPLETE", job.path("status").asText(), answer::toString);
        assertEquals(rows, job.path("progress").path("rows_written").asLong(), answer::toString);
    }

    @Test
    void submitWithoutWaitAnswersAsBefore() {
        JsonNode answer = admin.ok("{'operation':'csv_data_load','database':'jw','table':'" + admin.newTable("jw")
                + "','data':'id,name\\n1,a\\n'}");

        assertEquals(List.of("message", "job_id"), answer.properties().stream().map(Map.Entry::getKey).toList());
    }

    @Test
    void waitOnAnotherUsersJobAnswersAsGetJobDoesAtOnce() {
        String job = endlessLoad();
        long start = System.nanoTime();
        JsonNode answer = getJobWaiting(loader, job, BOUND);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(0, answer.size(), answer::toString);
        assertTrue(waitedMs < BOUND, "no wait for a job the user may not see: " + waitedMs + " ms");
        assertEquals("IN_PROGRESS", jobs.get(job).path("status").asText(), "answered while the job still ran");
        cancel(job);
    }

    @Test
    void aWaiterWhoseClientWentAwayIsDropped() throws Exception {
        String job = endlessLoad();
        try (JmxConnection jmx = new JmxConnection(caravan.process())) {
            ObjectName waits = jmx.service("JobWaits");
            new WaitingClient(caravan.process()).getJobAndGiveUp(job, BOUND, Duration.ofSeconds(1));

            Awaitility.await("dropped long before its wait is up").atMost(Duration.ofMillis(BOUND / 2))
                    .pollInterval(Duration.ofMillis(100)).until(() -> (Integer) jmx.attribute(waits, "Waiting") == 0);
        }
        assertEquals("IN_PROGRESS", jobs.get(job).path("status").asText(), "dropped while the job still ran");
        cancel(job);
    }

    @Test
    void twoHundredWaitersHoldNoThreadEach() throws Exception {
        String job = endlessLoad();
        ExecutorService clients = Executors.newFixedThreadPool(WAITERS);
        try (JmxConnection jmx = new JmxConnection(caravan.process())) {
            ObjectName threading = new ObjectName("java.lang:type=Threading");
            ObjectName waits = jmx.service("JobWaits");
            int threadsBefore = (Integer) jmx.attribute(threading, "ThreadCount");
            List<Future<JsonNode>> waiters = new ArrayList<>();
            WaitingClient waiting = new WaitingClient(caravan.process());
            for (int i = 0; i < WAITERS; i++) {
                waiters.add(clients.submit(() -> waiting.getJob(job, BOUND)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(BOUND / 2000)).pollInterval(Duration.ofMillis(100))
                    .until(() -> (Integer) jmx.attribute(waits, "Waiting") == WAITERS);
            int threadsWaiting = (Integer) jmx.attribute(threading, "ThreadCount");
            JsonNode other = admin.ok("{'operation':'describe_all'}");
            int stillWaiting = (Integer) jmx.attribute(waits, "Waiting");
            admin.ok("{'operation':'cancel_job','id':'" + job + "'}");
            for (Future<JsonNode> waiter : waiters) {
                assertEquals("ERROR", waiter.get(BOUND, TimeUnit.MILLISECONDS).get(0).path("status").asText(),
                        "each waiter answered when the job ended");
            }
            System.out.printf("JobWaitIT: %d waiters; server threads %d before, %d while they waited%n", WAITERS,
                    threadsBefore, threadsWaiting);
            assertTrue(threadsWaiting - threadsBefore < WAITERS / 4,
                    "threads grew from " + threadsBefore + " to " + threadsWaiting + " for " + WAITERS + " waiters");
            assertTrue(other.has("jw"), "another request was answered while they all waited");
            assertEquals(WAITERS, stillWaiting, "all were still waiting when it was answered");
        } finally {
            clients.shutdownNow();
        }
    }
}
