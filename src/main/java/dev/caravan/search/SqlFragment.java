package dev.caravan.search;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A piece of Derby SQL with its bound parameters, in order: values are never written into the text. */
public record SqlFragment(String sql, List<Object> params) {
    public static final SqlFragment TRUE = new SqlFragment("1 = 1", List.of());
    public static final SqlFragment FALSE = new SqlFragment("1 = 0", List.of());

    public SqlFragment {
        params = List.copyOf(params);
    }

    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, List.of(params));
    }

    public static SqlFragment and(List<SqlFragment> parts) {
        return join(parts, " AND ", TRUE);
    }

    public static SqlFragment or(List<SqlFragment> parts) {
        return join(parts, " OR ", FALSE);
    }

    private static SqlFragment join(List<SqlFragment> parts, String operator, SqlFragment empty) {
        if (parts.isEmpty()) {
            return empty;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder sql = new StringBuilder("(");
        List<Object> params = new ArrayList<>();
        for (SqlFragment part : parts) {
            if (sql.length() > 1) {
                sql.append(operator);
            }
            sql.append(part.sql);
            params.addAll(part.params);
        }
        return new SqlFragment(sql.append(')').toString(), params);
    }

    /** Binds the parameters from index 1; returns the next free index. */
    public int bind(PreparedStatement ps) throws SQLException {
        int index = 1;
        for (Object p : params) {
            ps.setObject(index++, p);
        }
        return index;
    }
}
