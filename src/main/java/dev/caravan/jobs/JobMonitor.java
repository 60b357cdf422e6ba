package dev.caravan.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.StaticService;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;

/**
 * Caravan's job counters in JMX (org.apache.camel:context=caravan,type=services,name=JobMonitor):
 * jobs running, queued, completed and failed since start, rows written, and rows/s of running jobs.
 */
@ManagedResource(description = "Caravan jobs")
public class JobMonitor implements StaticService {
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    /** job id -> [start nanos, rows written by this run] */
    private final Map<String, long[]> running = new ConcurrentHashMap<>();

    public void queued() {
        queued.incrementAndGet();
    }

    public void started(String jobId) {
        queued.updateAndGet(n -> Math.max(0, n - 1));
        running.put(jobId, new long[] {System.nanoTime(), 0});
    }

    /** Rows written by a committed batch. */
    public void wrote(String jobId, long rows) {
        rowsWritten.addAndGet(rows);
        long[] run = running.get(jobId);
        if (run != null) {
            synchronized (run) {
                run[1] += rows;
            }
        }
    }

    public void finished(String jobId, boolean ok) {
        running.remove(jobId);
        (ok ? completed : failed).incrementAndGet();
    }

    /** A queued job that will not run (cancelled while waiting). */
    public void dequeued() {
        queued.updateAndGet(n -> Math.max(0, n - 1));
    }

    @ManagedAttribute(description = "Jobs running now")
    public int getJobsRunning() {
        return running.size();
    }

    @ManagedAttribute(description = "Jobs waiting for a worker")
    public long getJobsQueued() {
        return queued.get();
    }

    @ManagedAttribute(description = "Jobs completed since start")
    public long getJobsCompleted() {
        return completed.get();
    }

    @ManagedAttribute(description = "Jobs failed (ERROR) since start")
    public long getJobsFailed() {
        return failed.get();
    }

    @ManagedAttribute(description = "Rows written by jobs since start")
    public long getRowsWritten() {
        return rowsWritten.get();
    }

    @ManagedAttribute(description = "Rows per second written by the jobs running now, summed")
    public long getRowsPerSecond() {
        long now = System.nanoTime();
        double total = 0;
        for (long[] run : running.values()) {
            synchronized (run) {
                double seconds = (now - run[0]) / 1e9;
                if (seconds > 0) {
                    total += run[1] / seconds;
                }
            }
        }
        return Math.round(total);
    }

    @Override
    public void start() {
        // counters only
    }

    @Override
    public void stop() {
        // counters only
    }
}
