package dev.caravan.jobs;

/**
 * What the job table tells an observer (the Prometheus meters): each committed batch of a running job,
 * and each job's end, whichever way it ended (its route, a cancel while queued, recovery or adoption).
 * Called on the thread that committed, once the change has committed: an observer must be cheap and
 * must not throw.
 */
public interface JobEvents {
    JobEvents NONE = new JobEvents() {
    };

    /** A batch of a job of this type committed: its counts went from before to after. */
    default void batchCommitted(String type, Job.Progress before, Job.Progress after) {
    }

    /** The job ended (COMPLETE or ERROR), as its row now says. */
    default void ended(Job job) {
    }
}
