package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an attribute is stored in the store's engine. An attribute starts with the kind of its first non-null value
 * and is widened to TEXT when a value of another kind arrives (docs/decisions/0001-value-types.md).
 */
public enum ColumnKind {
    /** Declared (create_attribute, primary key) but no value yet: no column. */
    NONE('U'),
    NUMBER('N'),
    BOOLEAN('B'),
    /** Strings, and any mix of types: text plus a one-letter type tag column. */
    TEXT('S');

    private final char code;

    ColumnKind(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** The column type on the engine; TEXT sorts by code point, as searches order by it. */
    public String sqlType(SqlDialect dialect) {
        return switch (this) {
            case NONE -> throw new IllegalStateException("an attribute of no kind has no column");
            case NUMBER -> dialect.doubleType();
            case BOOLEAN -> "BOOLEAN";
            case TEXT -> dialect.codePointText(ValueCodec.MAX_TEXT);
        };
    }

    public static ColumnKind ofCode(String code) {
        for (ColumnKind k : values()) {
            if (k.code == code.charAt(0)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown column kind " + code);
    }

    /** The kind a value needs, or NONE for null (which fits any column). */
    public static ColumnKind of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NONE;
        }
        if (value.isNumber()) {
            return NUMBER;
        }
        if (value.isBoolean()) {
            return BOOLEAN;
        }
        return TEXT;
    }

    /** The kind that holds values of both kinds. */
    public ColumnKind widen(ColumnKind other) {
        if (this == other || other == NONE) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        return TEXT;
    }
}
