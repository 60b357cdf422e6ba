package dev.caravan.jobs;

/**
 * Who may see a job (get_job, list_jobs, the console's rejects download; compatibility C4): its owner, a
 * super user, or anyone when caravan.jobs.visible-to-all is set. Acting on a job is narrower (JobActions).
 */
public record JobVisibility(boolean visibleToAll) {
    /** Whether this user sees every job, not only their own. */
    public boolean seesAll(boolean superUser) {
        return visibleToAll || superUser;
    }

    public boolean maySee(String username, boolean superUser, Job job) {
        return seesAll(superUser) || job.user().equals(username);
    }
}
