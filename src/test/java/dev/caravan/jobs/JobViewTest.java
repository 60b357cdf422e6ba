package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The database and table of a job view: shown only for a job that names them, in every view. */
class JobViewTest {
    private static Job job(JobTarget target) {
        return new Job("j", "csv_file_load", "u", 1, 1, 2L, JobStatus.COMPLETE, null, null, null, JobPhase.DONE,
                Job.Progress.NONE, false, false, target);
    }

    @Test
    void aJobThatNamesATableShowsItsDatabaseAndTableInEveryView() {
        Job job = job(new JobTarget("dev", "dog"));
        for (ObjectNode view : new ObjectNode[] {JobView.forGetJob(job), JobView.forSearch(job),
                JobView.forListing(job, ProgressRate.NONE)}) {
            assertEquals("dev", view.path("database").asText(), view::toString);
            assertEquals("dog", view.path("table").asText(), view::toString);
        }
    }

    @Test
    void aJobThatNamesNoneShowsNeitherField() {
        for (Job job : new Job[] {job(JobTarget.NONE), job(null)}) {
            ObjectNode view = JobView.forGetJob(job);
            assertFalse(view.has("database") || view.has("table"), view::toString);
        }
    }
}
