package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** What JobWaits learns from the job table, on each engine: each end once it reads as ended, and which still run. */
class JobEndsTest extends StoreOnEachEngine {
    private JobStore jobs;
    /** job id -> its status as get_job read it when the listener heard of it */
    private final Map<String, List<JobStatus>> heard = new ConcurrentHashMap<>();

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        jobs.listen(new JobLifecycle() { // told first: its failure must not keep the news from the next
            @Override
            public void answeredFromTable(String id) {
                throw new IllegalStateException("a failing listener");
            }
        });
        jobs.listen(new JobLifecycle() {
            @Override
            public void answeredFromTable(String id) {
                heard.computeIfAbsent(id, k -> new ArrayList<>()).add(jobs.find(id).orElseThrow().status());
            }
        });
    }

    private String newJob() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        return id;
    }

    @Test
    void aRunningJobsEndIsHeardOnceGetJobReadsIt() {
        String id = newJob();
        jobs.startRunning(id);
        jobs.complete(id, "done", null, System.currentTimeMillis());
        assertEquals(null, heard.get(id), "not while get_job still answers it from memory");

        jobs.stopRunning(id);

        assertEquals(List.of(JobStatus.COMPLETE), heard.get(id));
    }

    @Test
    void aJobEndedWithoutRunningHereIsHeardAtItsEnd() {
        String id = newJob(); // queued, then cancelled
        jobs.fail(id, TextNode.valueOf("Job cancelled before it started"), System.currentTimeMillis(), true, false);

        assertEquals(List.of(JobStatus.ERROR), heard.get(id));
    }

    @Test
    void anEndThatDidNotHappenIsNotHeard() {
        String id = newJob();
        jobs.complete(id, "done", null, System.currentTimeMillis());
        jobs.complete(id, "again", null, System.currentTimeMillis());

        assertEquals(List.of(JobStatus.COMPLETE), heard.get(id), "the second complete changed nothing");
    }

    @Test
    void stillInProgressNamesOnlyTheJobsThatStillRun() {
        String running = newJob();
        String ended = newJob();
        jobs.complete(ended, "done", null, System.currentTimeMillis());

        assertEquals(Set.of(running), jobs.stillInProgress(List.of(running, ended, "no-such-job")));
        assertEquals(Set.of(), jobs.stillInProgress(List.of()));
    }
}
