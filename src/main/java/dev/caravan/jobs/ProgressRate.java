package dev.caravan.jobs;

/**
 * A job's pace as its progress shows it: rows and bytes per second and, while it runs with a known total
 * size, the seconds left at that pace (null otherwise). A running job's pace is that of its last seconds
 * (ProgressWindow), an ended job's the average of its whole run.
 */
public record ProgressRate(double rowsPerSecond, double bytesPerSecond, Long etaSeconds) {
    public static final ProgressRate NONE = new ProgressRate(0, 0, null);

    /** rows and bytes done in seconds; bytesLeft: what a running job still has to read, or null. */
    static ProgressRate of(long rows, long bytes, double seconds, Long bytesLeft) {
        if (seconds <= 0) {
            return NONE;
        }
        double bytesPerSecond = bytes / seconds;
        Long eta = bytesLeft == null || bytesPerSecond <= 0 ? null : (long) Math.ceil(Math.max(0, bytesLeft) / bytesPerSecond);
        return new ProgressRate(rows / seconds, bytesPerSecond, eta);
    }

    /**
     * The average since the job started: an ended job's whole run (start to end), and the pace of a running
     * job that this node does not run (another node's, in a cluster) up to nowMillis.
     */
    public static ProgressRate average(Job job, long nowMillis) {
        Job.Progress p = job.progress();
        long end = job.endDatetime() != null ? job.endDatetime() : nowMillis;
        return of(p.rowsRead(), p.bytesRead(), (end - job.startDatetime()) / 1000.0, bytesLeft(job));
    }

    /** The bytes a running job with a known total size still has to read; null for an ended job or no total. */
    static Long bytesLeft(Job job) {
        Job.Progress p = job.progress();
        return job.isFinished() || p.bytesTotal() == null ? null : p.bytesTotal() - p.bytesRead();
    }
}
