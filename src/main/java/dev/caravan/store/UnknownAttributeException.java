package dev.caravan.store;

/** A request named an attribute the table does not have. */
public class UnknownAttributeException extends RuntimeException {
    public UnknownAttributeException(String attribute) {
        super("unknown attribute '" + attribute + "'");
    }
}
