package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.store.JsNumber;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.schema.Column;

/** Literal values of Harper SQL as JSON: numbers, 'strings' and "strings", true, false, null. */
final class SqlLiterals {
    private SqlLiterals() {
    }

    /** The literal's JSON value, or null when the expression is not a literal. */
    static JsonNode toJson(Expression e) {
        if (e instanceof LongValue v) {
            return JsNumber.node(Double.parseDouble(v.getStringValue()));
        }
        if (e instanceof DoubleValue v) {
            return JsNumber.node(v.getValue());
        }
        if (e instanceof StringValue v) {
            return TextNode.valueOf(text(v));
        }
        if (e instanceof BooleanValue v) {
            return BooleanNode.valueOf(v.getValue());
        }
        if (e instanceof NullValue) {
            return NullNode.instance;
        }
        if (e instanceof Column c && c.getTable() == null && Identifiers.isDoubleQuoted(c.getColumnName())) {
            return TextNode.valueOf(Identifiers.unquote(c.getColumnName()));
        }
        if (e instanceof SignedExpression s) {
            JsonNode inner = toJson(s.getExpression());
            if (inner != null && inner.isNumber()) {
                return s.getSign() == '-' ? JsNumber.node(-inner.doubleValue()) : inner;
            }
        }
        return null;
    }

    /** A string literal's text: SQL's doubled quote '' stands for one quote. */
    static String text(StringValue v) {
        return v.getValue().replace("''", "'");
    }

    /** A string as a Derby literal. */
    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
