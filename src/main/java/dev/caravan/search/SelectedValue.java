package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.store.Column;
import dev.caravan.store.JsNumber;
import dev.caravan.store.ValueCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One value of a result row: the Derby select-list items it needs and how they become JSON again,
 * so every value comes back with its JSON type (an attribute through its type tag, an expression
 * through its SQL type).
 */
record SelectedValue(List<String> sql, Decoder decoder) {

    @FunctionalInterface
    interface Decoder {
        JsonNode read(ResultSet rs, int index) throws SQLException;
    }

    /** An attribute column (plus its tag column for TEXT); no column yet means null. */
    static SelectedValue attribute(SqlScope.Source source, Column column) {
        if (!column.hasColumn()) {
            return new SelectedValue(List.of(), (rs, i) -> NullNode.instance);
        }
        List<String> sql = column.tagColumnName() == null
                ? List.of(source.qualified(column.quotedColumn()))
                : List.of(source.qualified(column.quotedColumn()), source.qualified(column.quotedTagColumn()));
        return new SelectedValue(sql, (rs, i) -> ValueCodec.read(rs, i, column));
    }

    /** The primary key, decoded from the type-tagged key column (null on the empty side of a LEFT JOIN). */
    static SelectedValue key(SqlScope.ColumnRef ref) {
        return new SelectedValue(List.of(ref.keySql()), (rs, i) -> {
            String key = rs.getString(i);
            return key == null ? NullNode.instance : ValueCodec.decodeKey(key);
        });
    }

    static SelectedValue of(SqlScope.ColumnRef ref) {
        if (ref.isPrimaryKey()) {
            return key(ref);
        }
        if (ref.isTimestamp()) {
            return expression(ref.expression());
        }
        return attribute(ref.source(), ref.column());
    }

    static SelectedValue expression(DerbyExpression e) {
        return switch (e.type()) {
            case NUMBER -> new SelectedValue(List.of(e.sql()), (rs, i) -> {
                double d = rs.getDouble(i);
                return rs.wasNull() ? NullNode.instance : JsNumber.node(d);
            });
            case BOOLEAN -> new SelectedValue(List.of(e.sql()), (rs, i) -> {
                boolean b = rs.getBoolean(i);
                return rs.wasNull() ? NullNode.instance : BooleanNode.valueOf(b);
            });
            case STRING -> new SelectedValue(List.of(e.sql()), (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? NullNode.instance : TextNode.valueOf(s);
            });
            case MIXED -> new SelectedValue(List.of(e.sql(), e.tagSql()),
                    (rs, i) -> ValueCodec.fromText(rs.getString(i), rs.getString(i + 1)));
            case NULL -> new SelectedValue(List.of(), (rs, i) -> NullNode.instance);
        };
    }

    int width() {
        return sql.size();
    }
}
