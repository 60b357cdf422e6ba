package dev.caravan.formats;

/**
 * Thrown by a caster or a check for one value that makes its row unusable; the record source catches
 * it and reports the row (RowProblem) with its place in the source. Carries no stack trace: it is a
 * row's outcome, not a fault, and a messy file may throw it thousands of times.
 */
public final class RowRejectedException extends RuntimeException {
    private final RowReason reason;
    private final String column;
    private final String value;

    public RowRejectedException(RowReason reason, String column, String value, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.column = column;
        this.value = value;
    }

    public RowReason reason() {
        return reason;
    }

    public String column() {
        return column;
    }

    public String value() {
        return value;
    }

    /** The problem at a row not yet placed in the source (RowProblem.at places it). */
    public RowProblem problem() {
        return new RowProblem(0, null, null, column, value, null, reason, getMessage());
    }
}
