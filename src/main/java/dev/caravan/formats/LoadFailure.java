package dev.caravan.formats;

/** A load job cannot go on; the message is the job's ERROR message (Harper's text where it has one). */
public class LoadFailure extends RuntimeException {
    public LoadFailure(String message) {
        super(message);
    }

    public LoadFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
