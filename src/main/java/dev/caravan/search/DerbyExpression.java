package dev.caravan.search;

/**
 * A Harper SQL expression translated to Derby SQL, with its type. A MIXED expression is a TEXT
 * column with its tag column; it is compared through one typed view at a time, so `age > 5` on a
 * column that also holds strings looks only at the rows whose tag says number (a string or a boolean
 * is never a number to Harper: `WHERE age > '30'` matches nothing, docs/harper-observed.md §5).
 */
record DerbyExpression(String sql, SqlType type, String tagSql) {
    static final String TO_NUMBER = dev.caravan.store.SqlFunctions.TO_NUMBER;

    static DerbyExpression of(String sql, SqlType type) {
        return new DerbyExpression(sql, type, null);
    }

    static DerbyExpression mixed(String textSql, String tagSql) {
        return new DerbyExpression(textSql, SqlType.MIXED, tagSql);
    }

    static DerbyExpression nullValue() {
        return new DerbyExpression("NULL", SqlType.NULL, null);
    }

    /** The expression as a value of the given type; NULL where it holds another type. */
    String as(SqlType wanted) {
        if (type == wanted) {
            return sql;
        }
        if (type == SqlType.MIXED) {
            return switch (wanted) {
                case NUMBER -> "CASE WHEN " + tagSql + " = 'n' THEN " + TO_NUMBER + "(" + sql + ") END";
                case STRING -> "CASE WHEN " + tagSql + " IS NULL THEN " + sql + " END";
                case BOOLEAN -> "CASE WHEN " + tagSql + " = 'b' THEN CAST(" + sql + " AS BOOLEAN) END";
                default -> sql;
            };
        }
        if (wanted == SqlType.MIXED || wanted == SqlType.NULL) {
            return sql;
        }
        return wanted.nullOf();
    }

    /** The expression as a search condition. */
    String condition() {
        return as(SqlType.BOOLEAN);
    }

    /** What to sort or group by: the stored text of a MIXED column, else the value. */
    String raw() {
        return type == SqlType.NULL ? SqlType.STRING.nullOf() : sql;
    }

    boolean isConcrete() {
        return type != SqlType.MIXED && type != SqlType.NULL;
    }
}
