package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server that stops answers every request waiting for a job (wait_ms) at once, with the job as it is. */
class JobWaitShutdownIT {
    private static final long WAIT_MS = 60_000;
    private static final int WAITERS = 20;

    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();

    @Test
    void stoppingAnswersEveryWaiterBeforeTheServerIsGone() throws Exception {
        ApiClient admin = caravan.admin();
        admin.ok("{'operation':'create_database','database':'jws'}");
        ExecutorService clients = Executors.newFixedThreadPool(WAITERS);
        try (TricklingCsvServer trickle = TricklingCsvServer.start()) {
            String job = new Jobs(admin).submit("{'operation':'csv_url_load','database':'jws','table':'"
                    + admin.newTable("jws") + "','csv_url':'" + trickle.url(10, 1000) + "'}");
            WaitingClient waiting = new WaitingClient(caravan.process());
            List<Future<JsonNode>> waiters = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < WAITERS; i++) {
                waiters.add(clients.submit(() -> waiting.getJob(job, WAIT_MS)));
            }
            try (JmxConnection jmx = new JmxConnection(caravan.process())) {
                ObjectName waits = jmx.service("JobWaits");
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> (Integer) jmx.attribute(waits, "Waiting") == WAITERS);
            }

            caravan.process().stop();

            for (Future<JsonNode> waiter : waiters) {
                JsonNode answer = waiter.get(WAIT_MS, TimeUnit.MILLISECONDS);
                assertEquals(job, answer.get(0).path("id").asText(), answer::toString);
                assertEquals("IN_PROGRESS", answer.get(0).path("status").asText(), "the job as it was at the stop");
            }
            long answeredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(answeredMs < WAIT_MS, "answered at the stop, not at the end of the wait: " + answeredMs + " ms");
        } finally {
            clients.shutdownNow();
        }
    }
}
