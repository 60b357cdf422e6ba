package dev.caravan.store;

/** A failure of the store that the client did not cause (disk, Derby). */
public class StoreException extends RuntimeException {
    public StoreException(Throwable cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
