package dev.caravan.store;

import dev.caravan.core.HarperException;

/** A request named an attribute the table does not have: the client's error, 400. */
public class UnknownAttributeException extends HarperException {
    public UnknownAttributeException(String attribute) {
        super(400, "unknown attribute '" + attribute + "'");
    }
}
