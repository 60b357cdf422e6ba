package dev.caravan.store;

/** An update record without a usable primary key value. */
public class MissingKeyException extends RuntimeException {
    public MissingKeyException() {
        super("a valid hash attribute must be provided with update record, check log for more info");
    }
}
