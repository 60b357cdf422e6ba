package dev.caravan.store;

import dev.caravan.core.HarperException;

/** An update record without a usable primary key value: the client's error, 400. */
public class MissingKeyException extends HarperException {
    public MissingKeyException() {
        super(400, "a valid hash attribute must be provided with update record, check log for more info");
    }
}
