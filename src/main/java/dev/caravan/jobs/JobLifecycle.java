package dev.caravan.jobs;

/**
 * Told when a job starts running and when it ends, whatever ends it (its route, a cancel while queued,
 * recovery or adoption after a crash): webhooks listen here. Called on the thread that changed the job,
 * after the change committed, so a listener must only hand the news on, never block or throw.
 */
public interface JobLifecycle {
    /** A worker took the job (again, for a job resumed after a restart). */
    void started(Job job);

    /** The job ended: COMPLETE or ERROR, with its end time, message and counts. */
    void ended(Job job);
}
