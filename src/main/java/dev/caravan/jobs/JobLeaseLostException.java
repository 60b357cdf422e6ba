package dev.caravan.jobs;

/**
 * Thrown by a batch's commit when this node no longer holds the job (JobStore's fence): its lease ended
 * while the node was paused and another node adopted the job. The batch rolls back; the job is the
 * adopter's now, and this node leaves its row alone.
 */
public class JobLeaseLostException extends RuntimeException {
    public JobLeaseLostException(String jobId) {
        super("job " + jobId + " is held by another node now (its lease here ended); this node stopped running it");
    }
}
