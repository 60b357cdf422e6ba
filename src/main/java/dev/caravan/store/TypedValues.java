package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperJson;
import java.util.regex.Pattern;

/**
 * Casting one value to a declared type as Harper's typed tables do (docs/harper-observed.md §9): a CSV
 * cell as Harper's CSV loads coerce it, a JSON value as Harper's write check takes it, with Harper's
 * messages. Where Harper would store a changed value (an impossible date as null or rolled over, "0x10"
 * as 16) the value is refused instead (compatibility C18). Null handling is the caller's. Loads
 * (formats/DeclaredTypes) and direct writes (ops/TypedRecords) share it.
 */
public final class TypedValues {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    /** Number()'s decimal forms, around whitespace; hex, binary, octal and Infinity are left out. */
    private static final Pattern DECIMAL = Pattern.compile("\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*");
    private static final double INT_MAX = Integer.MAX_VALUE;
    private static final double INT_MIN = Integer.MIN_VALUE;
    private static final double SAFE = 9007199254740992d;
    private static final String INT_RANGE = "an integer (from -2147483648 to 2147483647)";
    private static final String LONG_RANGE = "an integer (from -9007199254740992 to 9007199254740992)";

    private TypedValues() {
    }

    /** A non-empty CSV cell (empty and "null" cells are null for every type but String and Any, as in Harper). */
    public static JsonNode castCell(DeclaredType type, String attribute, String cell) {
        return switch (type) {
            case STRING -> TextNode.valueOf(cell);
            case INT, LONG -> {
                if (!WHOLE.matcher(cell).matches()) {
                    throw invalidCell(attribute, cell, type);
                }
                double value = Double.parseDouble(cell);
                requireWhole(type, attribute, value, JsNumber.text(value));
                yield JsNumber.parsed(value);
            }
            case FLOAT -> {
                double value = DECIMAL.matcher(cell).matches() ? Double.parseDouble(cell.trim()) : Double.NaN;
                if (!Double.isFinite(value)) {
                    throw invalidCell(attribute, cell, type);
                }
                yield JsNumber.parsed(value);
            }
            case BOOLEAN -> {
                if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
                    yield BooleanNode.valueOf(cell.equalsIgnoreCase("true"));
                }
                throw mustBe(attribute, TextNode.valueOf(cell), "a boolean");
            }
            case DATE -> TextNode.valueOf(IsoDates.parse(cell).orElseThrow(() -> invalidCell(attribute, cell, type)));
            case ANY -> throw new IllegalArgumentException("Any is cast by Harper's rules");
        };
    }

    /** A non-null JSON value. */
    public static JsonNode castJson(DeclaredType type, String attribute, JsonNode value) {
        switch (type) {
            case STRING -> require(value.isTextual(), attribute, value, "a string");
            case INT, LONG -> {
                require(value.isNumber(), attribute, value, type == DeclaredType.INT ? INT_RANGE : LONG_RANGE);
                requireWhole(type, attribute, value.doubleValue(), shown(value));
            }
            case FLOAT -> require(value.isNumber(), attribute, value, "a number");
            case BOOLEAN -> require(value.isBoolean(), attribute, value, "a boolean");
            case DATE -> {
                String date = value.isTextual() ? IsoDates.parse(value.textValue()).orElse(null)
                        : value.isNumber() ? IsoDates.fromEpochMillis(value.doubleValue()).orElse(null) : null;
                require(date != null, attribute, value, "a Date");
                return TextNode.valueOf(date);
            }
            case ANY -> throw new IllegalArgumentException("Any is cast by Harper's rules");
            default -> throw new IllegalStateException(type.name());
        }
        return value;
    }

    private static void requireWhole(DeclaredType type, String attribute, double value, String shown) {
        boolean whole = value == Math.rint(value);
        boolean fits = type == DeclaredType.INT ? value >= INT_MIN && value <= INT_MAX : Math.abs(value) <= SAFE;
        if (!whole || !fits) {
            throw new NotCastableException(attribute, shown, false,
                    "Value " + shown + " in property " + attribute + " must be "
                            + (type == DeclaredType.INT ? INT_RANGE : LONG_RANGE));
        }
    }

    private static void require(boolean ok, String attribute, JsonNode value, String what) {
        if (!ok) {
            throw mustBe(attribute, value, what);
        }
    }

    /** Harper's write check: Value <JSON> in property <name> must be <what>. */
    private static NotCastableException mustBe(String attribute, JsonNode value, String what) {
        String shown = shown(value);
        return new NotCastableException(attribute, shown, false,
                "Value " + shown + " in property " + attribute + " must be " + what);
    }

    /** Harper's CSV coercion: Invalid value for attribute <name>: "<cell>", expecting <Type>. */
    private static NotCastableException invalidCell(String attribute, String cell, DeclaredType type) {
        return new NotCastableException(attribute, cell, false,
                "Invalid value for attribute " + attribute + ": \"" + cell + "\", expecting " + type.harperName());
    }

    /** A value as JSON.stringify prints it. */
    private static String shown(JsonNode value) {
        return value.isNumber() ? JsNumber.text(value.doubleValue()) : HarperJson.write(value);
    }

    /** Harper's message for a null where nullable: false. */
    public static NotCastableException nullNotAllowed(String attribute) {
        return new NotCastableException(attribute, null, true,
                "Property " + attribute + " is required (and not does not allow null values)");
    }

    public static boolean isNull(JsonNode value) {
        return value == null || value instanceof NullNode || value.isMissingNode();
    }
}
