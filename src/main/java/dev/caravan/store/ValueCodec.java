package dev.caravan.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Turns JSON values into column values and back, keeping each value's JSON type exactly
 * (docs/decisions/0001-value-types.md). A TEXT column carries a one-letter tag next to the text:
 * no tag = string, 'n' = number, 'b' = boolean, 'j' = array or object (JSON text).
 */
public final class ValueCodec {
    static final String TAG_NUMBER = "n";
    static final String TAG_BOOLEAN = "b";
    static final String TAG_JSON = "j";
    /** Longest text Derby's VARCHAR holds. */
    public static final int MAX_TEXT = 32672;
    /** Longest encoded primary key (the K column, VARCHAR(2048)). */
    public static final int MAX_KEY = 2048;

    private ValueCodec() {
    }

    /**
     * The stored form of a primary key (docs/decisions/0001-value-types.md): the type is part of it, so
     * "2" and 2 are different keys. A number is 'n' and 16 hex digits that sort in numeric order, so
     * ascending ids append to the end of the index instead of splitting pages all over it. A string is
     * 's', the string and a \u0001 terminator: Derby ignores trailing blanks when it compares VARCHARs,
     * and the terminator keeps "a" and "a " apart while sorting strings as before.
     */
    public static String encodeKey(JsonNode key) {
        String encoded;
        if (key.isNumber()) {
            encoded = NUMBER_KEY + sortableHex(key.doubleValue());
        } else if (key.isTextual()) {
            encoded = STRING_KEY + key.textValue() + KEY_END;
        } else {
            throw new IllegalArgumentException("a primary key must be a string or a number");
        }
        if (encoded.length() > MAX_KEY) {
            throw new IllegalArgumentException("primary key is longer than " + (MAX_KEY - 2) + " characters");
        }
        return encoded;
    }

    public static JsonNode decodeKey(String encoded) {
        if (encoded.charAt(0) == NUMBER_KEY) {
            return JsNumber.node(fromSortableHex(encoded.substring(1)));
        }
        return TextNode.valueOf(encoded.substring(1, encoded.length() - 1));
    }

    private static final char NUMBER_KEY = 'n';
    private static final char STRING_KEY = 's';
    private static final char KEY_END = '\u0001';

    /** IEEE bits turned so that unsigned (and so textual hex) order is numeric order; -0 is 0. */
    static String sortableHex(double value) {
        long bits = Double.doubleToLongBits(value == 0 ? 0.0 : value);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        String hex = Long.toHexString(bits);
        return "0".repeat(16 - hex.length()) + hex;
    }

    static double fromSortableHex(String hex) {
        long bits = Long.parseUnsignedLong(hex, 16);
        bits = bits < 0 ? bits ^ Long.MIN_VALUE : ~bits;
        return Double.longBitsToDouble(bits);
    }

    /** Whether a value may be used as a primary key. */
    public static boolean isKeyType(JsonNode key) {
        return key != null && (key.isNumber() || key.isTextual());
    }

    /** Binds a value to the column's parameter(s); returns the next parameter index. */
    public static int bind(PreparedStatement ps, int index, Column column, JsonNode value) throws SQLException {
        boolean isNull = value == null || value.isNull() || value.isMissingNode();
        switch (column.kind()) {
            case NUMBER -> {
                if (isNull || !Double.isFinite(value.doubleValue())) {
                    ps.setNull(index, Types.DOUBLE);
                } else {
                    ps.setDouble(index, value.doubleValue());
                }
                return index + 1;
            }
            case BOOLEAN -> {
                if (isNull) {
                    ps.setNull(index, Types.BOOLEAN);
                } else {
                    ps.setBoolean(index, value.booleanValue());
                }
                return index + 1;
            }
            case TEXT -> {
                if (isNull) {
                    ps.setNull(index, Types.VARCHAR);
                    ps.setNull(index + 1, Types.CHAR);
                } else {
                    ps.setString(index, text(column, value));
                    String tag = tag(value);
                    if (tag == null) {
                        ps.setNull(index + 1, Types.CHAR);
                    } else {
                        ps.setString(index + 1, tag);
                    }
                }
                return index + 2;
            }
            default -> throw new IllegalStateException("attribute " + column.attribute() + " has no column");
        }
    }

    /** Whether a value fits the store: its text, where it is stored as text, is at most MAX_TEXT characters. */
    public static boolean fits(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().length() <= MAX_TEXT;
        }
        return !value.isContainerNode() || HarperJson.write(value).length() <= MAX_TEXT;
    }

    /** Whether a key value can be a primary key: a string or a number whose stored form fits the key column. */
    public static boolean fitsKey(JsonNode key) {
        return isKeyType(key) && (!key.isTextual() || key.textValue().length() + 2 <= MAX_KEY);
    }

    /** The text a TEXT column stores for a non-null value (its tag says what type it was). */
    static String text(Column column, JsonNode value) {
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isNumber()) {
            text = JsNumber.text(value.doubleValue());
        } else if (value.isBoolean()) {
            text = value.booleanValue() ? "true" : "false";
        } else {
            text = HarperJson.write(value);
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("value of attribute '" + column.attribute() + "' is longer than "
                    + MAX_TEXT + " characters");
        }
        return text;
    }

    /** The type tag stored beside a TEXT column's text: null for a string. */
    static String tag(JsonNode value) {
        if (value.isTextual()) {
            return null;
        }
        if (value.isNumber()) {
            return TAG_NUMBER;
        }
        if (value.isBoolean()) {
            return TAG_BOOLEAN;
        }
        return TAG_JSON;
    }

    /** Reads the column's value from a result set at the given index (a TEXT tag follows at index + 1). */
    public static JsonNode read(ResultSet rs, int index, Column column) throws SQLException {
        switch (column.kind()) {
            case NUMBER -> {
                double d = rs.getDouble(index);
                return rs.wasNull() ? NullNode.instance : JsNumber.node(d);
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(index);
                return rs.wasNull() ? NullNode.instance : BooleanNode.valueOf(b);
            }
            case TEXT -> {
                return fromText(rs.getString(index), rs.getString(index + 1));
            }
            default -> {
                return NullNode.instance;
            }
        }
    }

    /** A TEXT column's value from its text and tag. */
    public static JsonNode fromText(String text, String tag) {
        if (text == null) {
            return NullNode.instance;
        }
        if (tag == null) {
            return TextNode.valueOf(text);
        }
        switch (tag) {
            case TAG_NUMBER:
                return JsNumber.node(Double.parseDouble(text));
            case TAG_BOOLEAN:
                return BooleanNode.valueOf("true".equals(text));
            case TAG_JSON:
                try {
                    return HarperJson.parse(text);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored JSON cannot be read", e);
                }
            default:
                throw new IllegalStateException("unknown type tag " + tag);
        }
    }

    /** How many result columns a column takes when selected (TEXT adds its tag). */
    public static int width(Column column) {
        return column.kind() == ColumnKind.TEXT ? 2 : column.hasColumn() ? 1 : 0;
    }

    /** The select-list fragment for a column, matching {@link #read}. */
    public static String selectList(Column column) {
        return column.kind() == ColumnKind.TEXT ? column.quotedColumn() + ", " + column.quotedTagColumn() : column.quotedColumn();
    }
}
