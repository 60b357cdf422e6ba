package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waits end once: at the job's end, at their time, when dropped, or all at once at shutdown. */
class JobWaitsTest {
    private static final long LONG = TimeUnit.MINUTES.toMillis(10);

    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final List<Collection<String>> queries = new ArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final JobWaits waits = new JobWaits(ended::contains, ids -> {
        synchronized (queries) {
            queries.add(List.copyOf(ids));
        }
        Set<String> running = ConcurrentHashMap.newKeySet();
        ids.stream().filter(id -> !ended.contains(id)).forEach(running::add);
        return running;
    }, executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static boolean answered(CountDownLatch latch) throws InterruptedException {
        return latch.await(10, TimeUnit.SECONDS);
    }

    @Test
    void aWaitEndsWhenItsJobEndsHere() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        waits.await("j1", LONG, answer::countDown);
        assertEquals(1, waits.getWaiting());

        ended.add("j1");
        waits.answeredFromTable("j1");

        assertTrue(answered(answer));
        assertEquals(0, waits.getWaiting());
    }

    @Test
    void aJobThatOnlyStoppedHereKeepsItsWaits() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        waits.await("j1", LONG, answer::countDown);

        waits.answeredFromTable("j1"); // stopRunning of a job still IN_PROGRESS (a lost lease, a shutdown's stop)

        assertFalse(answer.await(300, TimeUnit.MILLISECONDS));
        assertEquals(1, waits.getWaiting());
    }

    @Test
    void aWaitEndsWhenItsTimeIsUp() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        long start = System.nanoTime();
        waits.await("j1", 200, answer::countDown);

        assertTrue(answered(answer));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "not before its time");
        assertEquals(0, waits.getWaiting());
    }

    @Test
    void aJobThatAlreadyEndedIsAnsweredAtOnce() throws Exception {
        ended.add("j1");
        CountDownLatch answer = new CountDownLatch(1);
        waits.await("j1", LONG, answer::countDown);

        assertTrue(answered(answer));
        assertEquals(0, waits.getWaiting());
    }

    @Test
    void aDroppedWaitIsAnsweredOnceAndForgotten() throws Exception {
        AtomicInteger answers = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        JobWaits.Wait wait = waits.await("j1", LONG, () -> {
            answers.incrementAndGet();
            answer.countDown();
        });
        wait.drop();
        wait.drop();
        ended.add("j1");
        waits.answeredFromTable("j1");

        assertTrue(answered(answer));
        Thread.sleep(100);
        assertEquals(1, answers.get());
        assertEquals(0, waits.getWaiting());
    }

    @Test
    void pollingTheStoreAsksOnceForAllWaitedJobsAndEndsThoseThatEndedElsewhere() throws Exception {
        CountDownLatch endedElsewhere = new CountDownLatch(3);
        CountDownLatch stillRunning = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            waits.await("a", LONG, endedElsewhere::countDown);
        }
        waits.await("b", LONG, stillRunning::countDown);
        ended.add("a");

        waits.pollStore();

        assertTrue(answered(endedElsewhere));
        assertEquals(1, queries.size(), "one query for every waited job");
        assertEquals(Set.of("a", "b"), Set.copyOf(queries.get(0)), "each job once, however many wait on it");
        assertEquals(1, waits.getWaiting());
        assertEquals(1, stillRunning.getCount());
    }

    @Test
    void pollingWithNobodyWaitingAsksNothing() {
        waits.pollStore();
        assertEquals(List.of(), queries);
    }

    @Test
    void pollingManyJobsAsksInBoundedBatches() {
        for (int i = 0; i < JobWaits.IDS_PER_QUERY + 1; i++) {
            waits.await("job" + i, LONG, () -> { });
        }
        waits.pollStore();
        assertEquals(2, queries.size());
        assertEquals(JobWaits.IDS_PER_QUERY, queries.get(0).size());
    }

    @Test
    void shutdownAnswersEveryWaitAtOnceAndEveryLaterOne() throws Exception {
        CountDownLatch answers = new CountDownLatch(5);
        for (int i = 0; i < 4; i++) {
            waits.await("j" + (i % 2), LONG, answers::countDown);
        }
        waits.answerAll();
        waits.await("j3", LONG, answers::countDown);

        assertTrue(answered(answers));
        assertEquals(0, waits.getWaiting());
    }
}
