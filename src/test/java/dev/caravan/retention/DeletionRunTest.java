package dev.caravan.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.caravan.jobs.Job;
import org.junit.jupiter.api.Test;

/** The job's message (contract §10) and its counts, also across a resume after a crash. */
class DeletionRunTest {

    @Test
    void manyRecordsArePlural() {
        assertEquals("2 of 2 records successfully deleted", DeletionRun.message(2, 2));
    }

    @Test
    void aTotalOfOneIsSingular() {
        assertEquals("1 of 1 record successfully deleted", DeletionRun.message(1, 1));
    }

    @Test
    void noMatchSaysSo() {
        assertEquals("No records found to delete", DeletionRun.message(0, 0));
    }

    @Test
    void aResumedRunCountsWhatItsEarlierRunCommitted() {
        DeletionRun run = new DeletionRun("job", null, new Job.Progress(5000, 5000, 0, 0, 0, null));
        run.counted(1200);
        assertEquals(new Job.Progress(6000, 6000, 0, 0, 0, null), run.progressAfter(1000, 1000));
        run.committed(run.progressAfter(1000, 1000));
        run.committed(run.progressAfter(200, 199));
        assertEquals("6199 of 6200 records successfully deleted", run.message());
    }

    @Test
    void aRecordMatchedAfterTheCountStillCounts() {
        DeletionRun run = new DeletionRun("job", null, Job.Progress.NONE);
        run.counted(2);
        run.committed(run.progressAfter(3, 3));
        assertEquals("3 of 3 records successfully deleted", run.message());
    }
}
