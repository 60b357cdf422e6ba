package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.ClientDeparture;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** wait_ms is checked before the operation runs; afterwards the answer waits for the job, or not at all. */
class JobWaitStepTest {
    private static final User ANN = new User("ann", true, null);
    private static final long MAX = 60_000;

    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> status = new AtomicReference<>("IN_PROGRESS");
    private final AtomicInteger getJobs = new AtomicInteger();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final JobWaits waits = new JobWaits(ended::contains, ids -> Set.of(), executor);
    private final JobWaitStep step;

    JobWaitStepTest() {
        OperationRegistry operations = new OperationRegistry();
        operations.register("get_job", request -> {
            getJobs.incrementAndGet();
            return HarperJson.array().add(job(request.text("id"), status.get()));
        });
        operations.register("csv_data_load", request -> HarperJson.object());
        operations.register("describe_all", request -> HarperJson.object());
        step = new JobWaitStep(operations, waits, Set.of("get_job", "csv_data_load"), MAX);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static ObjectNode job(String id, String status) {
        return HarperJson.object().put("id", id).put("status", status);
    }

    private static OperationRequest request(String json) throws Exception {
        return new OperationRequest((ObjectNode) HarperJson.parse(json.replace('\'', '"')), ANN, new Access(ANN));
    }

    private Exchange checked(String json) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(request(json));
        step.check(exchange);
        return exchange;
    }

    /** Runs the step on the operation's answer; returns the body it ends with, once it has. */
    private JsonNode after(Exchange exchange, JsonNode answer, boolean expectSync) throws Exception {
        exchange.getMessage().setBody(answer);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Boolean> doneSync = new AtomicReference<>();
        boolean sync = step.process(exchange, d -> {
            doneSync.set(d);
            done.countDown();
        });
        assertEquals(expectSync, sync);
        if (!expectSync) {
            ended.add("j1");
            status.set("COMPLETE");
            waits.answeredFromTable("j1");
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(expectSync, doneSync.get());
        return exchange.getMessage().getBody(JsonNode.class);
    }

    @Test
    void aWaitMsUpToTheBoundIsKept() throws Exception {
        JobWaitStep.Pending pending = checked("{'operation':'get_job','id':'j1','wait_ms':60000}")
                .getProperty(JobWaitStep.PENDING, JobWaitStep.Pending.class);
        assertEquals(MAX, pending.waitMs());
        assertTrue(pending.isGetJob());
        assertEquals(0, checked("{'operation':'csv_data_load','wait_ms':0}")
                .getProperty(JobWaitStep.PENDING, JobWaitStep.Pending.class).waitMs());
    }

    @Test
    void aWaitMsThatIsNotAWholeNumberUpToTheBoundIs400() {
        for (String bad : new String[] {"60001", "-1", "'10'", "2.5", "null", "{}", "1e3", "9223372036854775808"}) {
            HarperException e = assertThrows(HarperException.class,
                    () -> checked("{'operation':'csv_data_load','wait_ms':" + bad + "}"), bad);
            assertEquals(400, e.status());
            assertTrue(e.body().path("error").asText().startsWith(
                    "'wait_ms' must be a whole number of milliseconds from 0 to 60000 (caravan.jobs.max-wait-ms)"), bad);
        }
    }

    @Test
    void otherOperationsAndRequestsWithoutWaitMsAreLeftAlone() throws Exception {
        assertNull(checked("{'operation':'describe_all','wait_ms':'x'}").getProperty(JobWaitStep.PENDING));
        Exchange plain = checked("{'operation':'get_job','id':'j1'}");
        assertNull(plain.getProperty(JobWaitStep.PENDING));
        JsonNode answer = HarperJson.array().add(job("j1", "IN_PROGRESS"));
        assertEquals(answer, after(plain, answer, true));
        assertEquals(0, getJobs.get());
    }

    @Test
    void getJobOfAnEndedOrInvisibleJobIsAnsweredAsItIs() throws Exception {
        JsonNode finished = HarperJson.array().add(job("j1", "COMPLETE"));
        assertEquals(finished, after(checked("{'operation':'get_job','id':'j1','wait_ms':5000}"), finished, true));
        JsonNode none = HarperJson.array();
        assertEquals(none, after(checked("{'operation':'get_job','id':'j1','wait_ms':5000}"), none, true));
        assertEquals(0, getJobs.get(), "no second read");
    }

    @Test
    void getJobWithWaitZeroIsAnsweredAsItIs() throws Exception {
        JsonNode running = HarperJson.array().add(job("j1", "IN_PROGRESS"));
        assertEquals(running, after(checked("{'operation':'get_job','id':'j1','wait_ms':0}"), running, true));
        assertEquals(0, getJobs.get(), "no second read");
    }

    @Test
    void theRequestIsNotKeptWhileItWaits() throws Exception {
        Exchange exchange = checked("{'operation':'csv_data_load','data':'id\\n1\\n','wait_ms':60000}");
        exchange.getMessage().setBody(HarperJson.message("Starting job with id j1").put("job_id", "j1"));
        assertFalse(step.process(exchange, d -> { }));
        assertNull(exchange.getProperty(JobWaitStep.PENDING), "a csv_data_load's data is not held for the wait");
    }

    @Test
    void getJobOfARunningJobAnswersAgainWhenItEnds() throws Exception {
        JsonNode answer = after(checked("{'operation':'get_job','id':'j1','wait_ms':60000}"),
                HarperJson.array().add(job("j1", "IN_PROGRESS")), false);
        assertEquals(HarperJson.array().add(job("j1", "COMPLETE")), answer);
    }

    @Test
    void aSubmitWithWaitZeroAddsTheJobAsItIsNow() throws Exception {
        ObjectNode submitted = HarperJson.message("Starting job with id j1").put("job_id", "j1");
        JsonNode answer = after(checked("{'operation':'csv_data_load','wait_ms':0}"), submitted, true);
        assertEquals("Starting job with id j1", answer.path("message").asText());
        assertEquals("j1", answer.path("job_id").asText());
        assertEquals(job("j1", "IN_PROGRESS"), answer.path("job"));
    }

    @Test
    void aSubmitThatWaitsAddsTheEndedJob() throws Exception {
        ObjectNode submitted = HarperJson.message("Starting job with id j1").put("job_id", "j1");
        JsonNode answer = after(checked("{'operation':'csv_data_load','wait_ms':60000}"), submitted, false);
        assertEquals(job("j1", "COMPLETE"), answer.path("job"));
        assertFalse(submitted.has("job"), "the operation's own answer is not changed");
    }

    @Test
    void aWaitWhoseClientWentAwayEndsWithoutAnotherRead() throws Exception {
        Exchange exchange = checked("{'operation':'get_job','id':'j1','wait_ms':60000}");
        ClientDeparture departure = new ClientDeparture();
        exchange.setProperty(ClientDeparture.PROPERTY, departure);
        exchange.getMessage().setBody(HarperJson.array().add(job("j1", "IN_PROGRESS")));
        CountDownLatch done = new CountDownLatch(1);
        assertFalse(step.process(exchange, d -> done.countDown()));
        assertEquals(1, waits.getWaiting());

        departure.depart();

        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(0, waits.getWaiting());
        assertEquals(0, getJobs.get());
    }
}
