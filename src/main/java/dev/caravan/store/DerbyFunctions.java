package dev.caravan.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Derby functions that searches and SQL need. Derby cannot CAST text to DOUBLE (numbers in a TEXT
 * column are stored as text with tag 'n'), and its MOD takes integers only while Harper's `%` is
 * JavaScript's remainder on doubles.
 */
public final class DerbyFunctions {
    /** The number a TEXT column holds as text: TO_NUMBER(text) -> DOUBLE. */
    public static final String TO_NUMBER = "CARAVAN.TO_NUMBER";
    /** JavaScript's remainder on doubles: JS_REMAINDER(a, b). */
    public static final String REMAINDER = "CARAVAN.JS_REMAINDER";
    private static final String ALREADY_EXISTS = "X0Y68";

    private DerbyFunctions() {
    }

    /** Creates the functions in the CARAVAN schema unless an earlier start did. */
    public static void install(Store store) {
        store.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                create(s, "CREATE FUNCTION " + TO_NUMBER + " (TEXT VARCHAR(32672)) RETURNS DOUBLE"
                        + " LANGUAGE JAVA PARAMETER STYLE JAVA NO SQL DETERMINISTIC RETURNS NULL ON NULL INPUT"
                        + " EXTERNAL NAME 'java.lang.Double.parseDouble'");
                create(s, "CREATE FUNCTION " + REMAINDER + " (A DOUBLE, B DOUBLE) RETURNS DOUBLE"
                        + " LANGUAGE JAVA PARAMETER STYLE JAVA NO SQL DETERMINISTIC RETURNS NULL ON NULL INPUT"
                        + " EXTERNAL NAME '" + DerbyFunctions.class.getName() + ".remainder'");
            }
            return null;
        });
    }

    private static void create(Statement s, String ddl) throws SQLException {
        try {
            s.execute(ddl);
        } catch (SQLException e) {
            if (!ALREADY_EXISTS.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** JavaScript's `%`: the sign follows the dividend, like Java's. */
    public static double remainder(double a, double b) {
        return a % b;
    }
}
