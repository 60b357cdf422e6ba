package dev.caravan.store;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;

/** Numbers as Harper (JavaScript) has them: IEEE doubles, printed without a trailing ".0" or an exponent below 1e21. */
public final class JsNumber {
    private static final double SAFE_LONG = 9.007199254740992E15;

    private JsNumber() {
    }

    public static JsonNode node(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NullNode.instance; // JSON.stringify(NaN) is null
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e21) {
            if (Math.abs(value) <= SAFE_LONG) {
                return LongNode.valueOf((long) value);
            }
            return BigIntegerNode.valueOf(new BigDecimal(Double.toString(value)).toBigInteger());
        }
        // Double.toString gives the shortest digits but writes 1e-6 as "1.0E-6", whose zero would print.
        return DecimalNode.valueOf(new BigDecimal(Double.toString(value)).stripTrailingZeros());
    }

    /**
     * A number just parsed from input: integers as longs, other values as plain doubles. Cheaper than
     * {@link #node} (no BigDecimal); such nodes are written to the store, never printed directly.
     */
    public static JsonNode parsed(double value) {
        if (value == Math.rint(value) && Math.abs(value) <= SAFE_LONG) {
            return LongNode.valueOf((long) value);
        }
        return DoubleNode.valueOf(value);
    }

    /** The canonical text of a number: equal doubles give equal text (used for primary keys). */
    public static String text(double value) {
        if (value == 0) {
            return "0"; // -0 and 0 are one key, as in JavaScript
        }
        return node(value).asText();
    }
}
