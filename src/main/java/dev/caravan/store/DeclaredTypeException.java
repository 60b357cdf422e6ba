package dev.caravan.store;

/**
 * A write that would widen a typed attribute's column: refused, since a declared type is never
 * silently given up (compatibility C18). Casts and the write checks refuse such values first, so this
 * is the store's own last guard; it answers 400 like any other bad value.
 */
public final class DeclaredTypeException extends IllegalArgumentException {
    public DeclaredTypeException(Column column, ColumnKind needed) {
        super("attribute '" + column.attribute() + "' is declared " + column.type().harperName()
                + " and cannot hold " + describe(needed));
    }

    private static String describe(ColumnKind kind) {
        return switch (kind) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "a string, array or object";
        };
    }
}
