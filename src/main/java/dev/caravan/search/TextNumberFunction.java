package dev.caravan.search;

import dev.caravan.store.SqlFunctions;

/**
 * Reads a number from its text in SQL: a TEXT column keeps numbers as JavaScript text ("2.5", "1e-7"),
 * which range conditions and sorting must compare as numbers (see SqlFunctions).
 */
public final class TextNumberFunction {
    private static final String NAME = SqlFunctions.TO_NUMBER;

    private TextNumberFunction() {
    }

    /** The number held by a TEXT attribute, or NULL when the value is not a number. */
    public static String numberOf(SqlAttribute attribute) {
        return "CASE WHEN " + attribute.tag() + " = 'n' THEN " + NAME + "(" + attribute.value() + ") END";
    }
}
