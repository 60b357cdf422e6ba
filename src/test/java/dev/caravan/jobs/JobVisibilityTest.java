package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Who may see a job: its owner, a super user, or anyone when jobs are visible to all. */
class JobVisibilityTest {
    private static final Job ALICES = new Job("j", "csv_file_load", "alice", 1, 1, 2L, JobStatus.COMPLETE, null,
            null, null, JobPhase.DONE, Job.Progress.NONE, false, false);

    @Test
    void byDefaultTheOwnerAndSuperUsersSeeAJob() {
        JobVisibility visibility = new JobVisibility(false);
        assertTrue(visibility.maySee("alice", false, ALICES));
        assertTrue(visibility.maySee("root", true, ALICES));
        assertFalse(visibility.maySee("bob", false, ALICES));
        assertTrue(visibility.seesAll(true));
        assertFalse(visibility.seesAll(false));
    }

    @Test
    void visibleToAllLetsEveryoneSeeEveryJob() {
        JobVisibility visibility = new JobVisibility(true);
        assertTrue(visibility.maySee("bob", false, ALICES));
        assertTrue(visibility.seesAll(false));
    }
}
