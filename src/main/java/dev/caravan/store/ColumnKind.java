package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an attribute is stored in Derby. An attribute starts with the kind of its first non-null value
 * and is widened to TEXT when a value of another kind arrives (docs/decisions/0001-value-types.md).
 */
public enum ColumnKind {
    /** Declared (create_attribute, primary key) but no value yet: no Derby column. */
    NONE('U', null),
    NUMBER('N', "DOUBLE"),
    BOOLEAN('B', "BOOLEAN"),
    /** Strings, and any mix of types: text plus a one-letter type tag column. */
    TEXT('S', "VARCHAR(32672)");

    private final char code;
    private final String sqlType;

    ColumnKind(char code, String sqlType) {
        this.code = code;
        this.sqlType = sqlType;
    }

    public char code() {
        return code;
    }

    public String sqlType() {
        return sqlType;
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
