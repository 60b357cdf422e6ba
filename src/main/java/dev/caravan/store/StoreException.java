package dev.caravan.store;

/**
 * A failure of the store that the client did not cause (disk, Derby): 500, unless a subclass says
 * the client may simply try again.
 */
public class StoreException extends RuntimeException {
    public StoreException(Throwable cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status this failure is answered with. */
    public int status() {
        return 500;
    }
}
