package dev.caravan.jobs;

/**
 * The one failure type of a job that cannot go on, whatever its kind (load, export, delete): its
 * message is the job's ERROR message (Harper's text where it has one), which JobRoutePolicy records.
 */
public class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(message);
    }

    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
