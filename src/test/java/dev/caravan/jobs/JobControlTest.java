package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JobControlTest {
    private final JobControl control = new JobControl();
    private final AtomicReference<RuntimeException> aborted = new AtomicReference<>();

    @Test
    void cancelAbortsTheJobsOpenSourceAtOnce() {
        control.sourceOpened("a", aborted::set);
        control.requestCancel("a");
        assertInstanceOf(JobCancelledException.class, aborted.get());
        assertTrue(control.cancelRequested("a"));
    }

    @Test
    void cancelOfAnotherJobLeavesTheSourceAlone() {
        control.sourceOpened("a", aborted::set);
        control.requestCancel("b");
        assertNull(aborted.get());
    }

    @Test
    void sourceOpenedAfterTheCancelIsAbortedAsItOpens() {
        control.requestCancel("a");
        control.sourceOpened("a", aborted::set);
        assertInstanceOf(JobCancelledException.class, aborted.get());
    }

    @Test
    void shutdownStopsEveryOpenSourceAndEveryCheckpoint() {
        control.sourceOpened("a", aborted::set);
        control.shutDown();
        assertInstanceOf(JobStoppedException.class, aborted.get());
        assertThrows(JobStoppedException.class, () -> control.checkpoint("other"));
    }

    @Test
    void forgottenJobsSourceIsNoLongerAborted() {
        control.sourceOpened("a", aborted::set);
        control.forget("a");
        control.requestCancel("a");
        assertNull(aborted.get());
    }
}
