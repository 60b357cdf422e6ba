package dev.caravan.store;

/**
 * A value that its attribute's declared type cannot take, with Harper's message: a null where the
 * attribute is declared nullable: false (nullValue), or a value of another type. Carries no stack
 * trace: a messy file may throw it for thousands of rows.
 */
public final class NotCastableException extends IllegalArgumentException {
    private final String attribute;
    private final String value;
    private final boolean nullValue;

    public NotCastableException(String attribute, String value, boolean nullValue, String message) {
        super(message);
        this.attribute = attribute;
        this.value = value;
        this.nullValue = nullValue;
    }

    public String attribute() {
        return attribute;
    }

    /** The value at fault as the source gave it (a CSV cell, JSON text); null for a null. */
    public String value() {
        return value;
    }

    public boolean nullValue() {
        return nullValue;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
