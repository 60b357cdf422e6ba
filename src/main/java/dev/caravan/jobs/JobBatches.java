package dev.caravan.jobs;

import dev.caravan.store.Store;
import java.sql.Connection;
import java.util.function.Function;

/**
 * How every job kind commits one batch (a load's records, a delete's keys, an export's records written
 * to its file), in one place as Spring Batch's chunk step does it: stop here if the job was cancelled
 * or the server is stopping; then the batch's work and the job's new counts in one transaction, so the
 * counts a reader sees are always what committed; then the JMX counters.
 */
public final class JobBatches {
    private final JobStore jobs;
    private final JobControl control;
    private final JobMonitor monitor;

    public JobBatches(JobStore jobs, JobControl control, JobMonitor monitor) {
        this.jobs = jobs;
        this.control = control;
        this.monitor = monitor;
    }

    /** What a batch's work did: its own result, the job's counts after it, and the rows it wrote. */
    public record Committed<T>(T result, Job.Progress progress, long rowsWritten) {
    }

    /** The batch's work inside its transaction; the job's counts are recorded beside it. */
    @FunctionalInterface
    public interface Work<T> {
        Committed<T> run(Connection c) throws Exception;
    }

    /**
     * Commits one batch of the job; once it has committed, the run's counts are the batch's. transaction
     * runs the work: a table's write turn (store/TableWrites) for batches that write records, a plain
     * transaction (Store) otherwise.
     */
    public <T> Committed<T> commit(JobRun run, Function<Store.SqlWork<Committed<T>>, Committed<T>> transaction,
                                   Work<T> work) {
        String jobId = run.jobId();
        control.checkpoint(jobId);
        Committed<T> done = transaction.apply(c -> {
            Committed<T> batch = work.run(c);
            jobs.recordProgress(c, jobId, batch.progress());
            return batch;
        });
        run.committed(done.progress());
        monitor.wrote(jobId, done.rowsWritten());
        return done;
    }
}
