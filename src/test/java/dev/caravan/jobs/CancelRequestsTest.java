package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.caravan.core.HarperJson;
import dev.caravan.store.StoreOnEachEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** cancel_job received by one node reaches the node that runs the job, through the job table (on a shared database). */
class CancelRequestsTest extends StoreOnEachEngine {
    private JobStore jobs;
    private final JobControl runnerControl = new JobControl();
    private final JobControl otherControl = new JobControl();
    private CancelRequests onRunner;
    private CancelRequests onOther;
    private JobLeases runner;

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        runner = new JobLeases(store, "runner", Duration.ofSeconds(30));
        onRunner = new CancelRequests(store, runnerControl, "runner");
        onOther = new CancelRequests(store, otherControl, "other");
    }

    private String runningJob() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "csv_file_load", "HDB_ADMIN", HarperJson.object(), System.currentTimeMillis());
        assertTrue(runner.claim(id));
        return id;
    }

    @Test
    void theNodeThatRunsTheJobCancelsItOnceAndNoOtherDoes() {
        String id = runningJob();
        List<RuntimeException> aborted = new ArrayList<>();
        runnerControl.sourceOpened(id, aborted::add); // a source the job waits on

        onOther.record(id);

        assertEquals(0, onOther.applyToOwnJobs(), "not this node's job");
        if (!store.dialect().sharedByProcesses()) {
            assertEquals(0, onRunner.applyToOwnJobs(), "one process: cancel_job reached the runner itself");
            return;
        }
        assertEquals(1, onRunner.applyToOwnJobs());

        assertTrue(runnerControl.cancelRequested(id), "it stops at its next batch");
        assertEquals(1, aborted.size(), "its open source is aborted at once, as a local cancel does");
        assertTrue(aborted.get(0) instanceof JobCancelledException);
        assertEquals(0, onRunner.applyToOwnJobs(), "asked once");
        assertFalse(otherControl.cancelRequested(id));
    }
}
