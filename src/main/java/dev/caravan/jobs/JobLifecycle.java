package dev.caravan.jobs;

/**
 * What the job table tells those who follow a job's life (webhooks, the Prometheus meters, wait_ms):
 * its start, each committed batch, its end whatever ends it (its route, a cancel while queued, recovery
 * or adoption after a crash), and when get_job stops answering it from memory. Called on the thread
 * that changed the job, after the change committed, so a listener must only hand the news on, never
 * block; one that throws is logged and the job goes on. Each listener overrides what it needs.
 */
public interface JobLifecycle {
    /** A worker took the job (again, for a job resumed after a restart). */
    default void started(Job job) {
    }

    /** A batch of a job of this type committed: its counts went from before to after. */
    default void batchCommitted(String type, Job.Progress before, Job.Progress after) {
    }

    /** The job ended: COMPLETE or ERROR, with its end time, message and counts, request included. */
    default void ended(Job job) {
    }

    /**
     * get_job now reads the job from the table: its end committed here and it was not running here, or
     * it stopped running here (its end, a shutdown's stop, a lost lease: it may still be IN_PROGRESS).
     */
    default void answeredFromTable(String jobId) {
    }
}
