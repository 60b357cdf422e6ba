package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The pace and ETA arithmetic: a running job's last ten seconds, an ended job's whole run. */
class ProgressRateTest {
    private static final long SECOND = 1_000_000_000L;

    private static Job job(long start, Long end, long rows, long bytes, Long total) {
        return new Job("j", "csv_file_load", "u", start, start, end, end == null ? JobStatus.IN_PROGRESS : JobStatus.COMPLETE,
                null, null, null, JobPhase.WRITING, new Job.Progress(rows, rows, 0, 0, bytes, total), false, false);
    }

    @Test
    void anEndedJobsPaceIsItsWholeRunsAverageAndItHasNoEta() {
        ProgressRate rate = ProgressRate.average(job(10_000, 14_000L, 1_000, 8_000, 8_000L), 99_999);
        assertEquals(250.0, rate.rowsPerSecond());
        assertEquals(2_000.0, rate.bytesPerSecond());
        assertNull(rate.etaSeconds());
    }

    @Test
    void aRunningJobWithATotalGetsTheSecondsLeftAtItsPaceRoundedUp() {
        ProgressRate rate = ProgressRate.average(job(10_000, null, 100, 1_000, 10_001L), 12_000);
        assertEquals(50.0, rate.rowsPerSecond());
        assertEquals(500.0, rate.bytesPerSecond());
        assertEquals(19L, rate.etaSeconds(), "9001 bytes left at 500/s");
        assertNull(ProgressRate.average(job(10_000, null, 100, 1_000, null), 12_000).etaSeconds(), "no total: no ETA");
        assertNull(ProgressRate.average(job(10_000, null, 0, 0, 5_000L), 12_000).etaSeconds(), "no pace yet: no ETA");
    }

    @Test
    void aJobOfNoDurationHasNoPace() {
        assertEquals(ProgressRate.NONE, ProgressRate.average(job(10_000, 10_000L, 5, 5, 5L), 10_000));
    }

    @Test
    void theRecentPaceLooksBackTenSecondsAndNoFurther() {
        ProgressWindow window = new ProgressWindow(0, 0, 0);
        // 20 s at 100 rows and 1000 bytes per second, then 10 s at 10 rows and 100 bytes per second
        long rows = 0;
        long bytes = 0;
        for (int s = 1; s <= 30; s++) {
            rows += s <= 20 ? 100 : 10;
            bytes += s <= 20 ? 1_000 : 100;
            window.add(s * SECOND, rows, bytes);
        }
        ProgressRate rate = window.rate(30 * SECOND, 500L);
        assertEquals(10.0, rate.rowsPerSecond(), 0.001, "only the last ten seconds");
        assertEquals(100.0, rate.bytesPerSecond(), 0.001);
        assertEquals(5L, rate.etaSeconds());
    }

    @Test
    void earlyInARunThePaceIsSinceItStartedAndAStalledJobSlowsDown() {
        ProgressWindow window = new ProgressWindow(0, 0, 0);
        window.add(2 * SECOND, 400, 4_000);
        assertEquals(200.0, window.rate(2 * SECOND, null).rowsPerSecond(), 0.001);
        assertEquals(100.0, window.rate(4 * SECOND, null).rowsPerSecond(), 0.001, "nothing committed for 2 s");
        assertEquals(0.0, new ProgressWindow(0, 7, 7).rate(SECOND, 10L).rowsPerSecond(), "no batch yet");
        assertNull(new ProgressWindow(0, 7, 7).rate(SECOND, 10L).etaSeconds());
    }

    @Test
    void manyBatchesASecondKeepTheWindowLongEnough() {
        ProgressWindow window = new ProgressWindow(0, 0, 0);
        long step = SECOND / 1_000; // a batch every millisecond for 30 s, 1 row each
        for (long t = 1; t <= 30_000; t++) {
            window.add(t * step, t, t);
        }
        ProgressRate rate = window.rate(30 * SECOND, null);
        assertEquals(1_000.0, rate.rowsPerSecond(), 1.0, "the window still reaches ten seconds back");
    }

    @Test
    void aResumedJobsPaceCountsOnlyWhatThisRunDid() {
        ProgressWindow window = new ProgressWindow(0, 1_000_000, 9_000_000);
        window.add(SECOND, 1_000_100, 9_001_000);
        assertEquals(100.0, window.rate(SECOND, null).rowsPerSecond(), 0.001);
    }
}
