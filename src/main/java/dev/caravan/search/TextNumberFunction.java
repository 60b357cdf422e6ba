package dev.caravan.search;

import dev.caravan.store.Store;
import dev.caravan.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A Derby function reading a number from its text: Derby cannot CAST a VARCHAR to DOUBLE, and a TEXT
 * column keeps numbers as JavaScript text ("2.5", "1e-7"), which range conditions and sorting must
 * compare as numbers.
 */
public final class TextNumberFunction {
    public static final String NAME = "CARAVAN.TEXT_NUMBER";
    private static final String ALREADY_EXISTS = "X0Y68";

    private TextNumberFunction() {
    }

    public static void install(Store store) {
        try (Connection c = store.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION " + NAME + "(T VARCHAR(32672)) RETURNS DOUBLE"
                    + " PARAMETER STYLE JAVA NO SQL LANGUAGE JAVA DETERMINISTIC RETURNS NULL ON NULL INPUT"
                    + " EXTERNAL NAME 'java.lang.Double.parseDouble'");
        } catch (SQLException e) {
            if (!ALREADY_EXISTS.equals(e.getSQLState())) {
                throw new StoreException(e);
            }
        }
    }

    /** The number held by a TEXT attribute, or NULL when the value is not a number. */
    public static String numberOf(SqlAttribute attribute) {
        return "CASE WHEN " + attribute.tag() + " = 'n' THEN " + NAME + "(" + attribute.value() + ") END";
    }
}
