package dev.caravan.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Functions that searches and SQL need, made in the CARAVAN schema of either engine under one name,
 * so the translated SQL is the same text on both. Numbers in a TEXT column are stored as text with tag
 * 'n', which range conditions and sorting compare as numbers (Derby cannot CAST text to DOUBLE); and
 * Harper's `%` is JavaScript's remainder on doubles, where both engines' MOD is not.
 */
public final class SqlFunctions {
    /** The number a TEXT column holds as text: TO_NUMBER(text) -> DOUBLE. */
    public static final String TO_NUMBER = "CARAVAN.TO_NUMBER";
    /** JavaScript's remainder on doubles: JS_REMAINDER(a, b). */
    public static final String REMAINDER = "CARAVAN.JS_REMAINDER";
    private static final String DERBY_ALREADY_EXISTS = "X0Y68";

    private SqlFunctions() {
    }

    /** Creates the functions unless an earlier start did (PostgreSQL: replaces them, under the schema lock). */
    public static void install(Store store) {
        store.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                if (store.dialect() instanceof DerbyDialect) {
                    createOnDerby(s, "CREATE FUNCTION " + TO_NUMBER + " (TEXT VARCHAR(32672)) RETURNS DOUBLE"
                            + " LANGUAGE JAVA PARAMETER STYLE JAVA NO SQL DETERMINISTIC RETURNS NULL ON NULL INPUT"
                            + " EXTERNAL NAME 'java.lang.Double.parseDouble'");
                    createOnDerby(s, "CREATE FUNCTION " + REMAINDER + " (A DOUBLE, B DOUBLE) RETURNS DOUBLE"
                            + " LANGUAGE JAVA PARAMETER STYLE JAVA NO SQL DETERMINISTIC RETURNS NULL ON NULL INPUT"
                            + " EXTERNAL NAME '" + SqlFunctions.class.getName() + ".remainder'");
                } else {
                    store.dialect().lockSchemaChanges().ifPresent(lock -> execute(s, lock));
                    s.execute(POSTGRES_TO_NUMBER);
                    s.execute(POSTGRES_REMAINDER);
                }
            }
            return null;
        });
    }

    private static void execute(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("cannot take the schema lock", e);
        }
    }

    private static final String POSTGRES_TO_NUMBER = "CREATE OR REPLACE FUNCTION " + TO_NUMBER
            + " (t TEXT) RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
            + " AS $$ SELECT t::DOUBLE PRECISION $$";

    /**
     * fmod in exact binary steps, as Java's and JavaScript's `%` are: t runs down from the largest
     * b·2^k not above a to b, and each r - t with t <= r < 2t is exact (Sterbenz). At most about 2,100
     * steps for the widest exponents; the sign follows the dividend, -0 included
     * (Derby's DOUBLE keeps no -0, so there it reads 0).
     */
    private static final String POSTGRES_REMAINDER = "CREATE OR REPLACE FUNCTION " + REMAINDER
            + " (a DOUBLE PRECISION, b DOUBLE PRECISION) RETURNS DOUBLE PRECISION"
            + " LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
            + "DECLARE r DOUBLE PRECISION := abs(a); d DOUBLE PRECISION := abs(b); t DOUBLE PRECISION := abs(b);\n"
            + "BEGIN\n"
            + "  IF a = 'NaN' OR b = 'NaN' OR b = 0 OR a = 'Infinity' OR a = '-Infinity' THEN RETURN 'NaN'; END IF;\n"
            + "  IF a = 0 OR b = 'Infinity' OR b = '-Infinity' THEN RETURN a; END IF;\n"
            + "  LOOP\n"
            + "    EXIT WHEN t >= power(2::DOUBLE PRECISION, 1023);\n" // doubling it would overflow
            + "    EXIT WHEN t * 2 > r;\n"
            + "    t := t * 2;\n"
            + "  END LOOP;\n"
            + "  LOOP\n"
            + "    IF r >= t THEN r := r - t; END IF;\n"
            + "    EXIT WHEN t = d;\n"
            + "    t := t / 2;\n"
            + "  END LOOP;\n"
            + "  IF a < 0 THEN RETURN -r; END IF;\n"
            + "  RETURN r;\n"
            + "END $$";

    private static void createOnDerby(Statement s, String ddl) throws SQLException {
        try {
            s.execute(ddl);
        } catch (SQLException e) {
            if (!DERBY_ALREADY_EXISTS.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** JavaScript's `%`: the sign follows the dividend, like Java's. */
    public static double remainder(double a, double b) {
        return a % b;
    }
}
