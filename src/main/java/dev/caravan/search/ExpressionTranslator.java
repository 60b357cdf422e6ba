package dev.caravan.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.store.ValueCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;

/**
 * Translates one Harper SQL expression into Derby SQL over the generated table and column names,
 * keeping track of types so mixed-type (TEXT) columns are compared through typed views.
 */
final class ExpressionTranslator {
    static final String REMAINDER = dev.caravan.store.SqlFunctions.REMAINDER;
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> NUMBER_FUNCTIONS = Set.of("ABS", "FLOOR", "CEIL", "CEILING", "SQRT");
    private static final Set<String> STRING_FUNCTIONS = Set.of("UPPER", "LOWER", "TRIM", "LTRIM", "RTRIM");

    private final SqlScope scope;
    /** Select-list aliases, usable where a bare name is no column (HAVING, ORDER BY). */
    private final Map<String, Expression> aliases;

    ExpressionTranslator(SqlScope scope, Map<String, Expression> aliases) {
        this.scope = scope;
        this.aliases = aliases;
    }

    ExpressionTranslator(SqlScope scope) {
        this(scope, Map.of());
    }

    /** A search condition (WHERE, ON, HAVING). */
    String condition(Expression e) {
        return translate(e).condition();
    }

    DerbyExpression translate(Expression e) {
        JsonNode literal = SqlLiterals.toJson(e);
        if (literal != null) {
            return literal(e, literal);
        }
        if (e instanceof Column c) {
            return column(c);
        }
        if (e instanceof SignedExpression s) {
            DerbyExpression inner = translate(s.getExpression());
            return s.getSign() == '-' ? DerbyExpression.of("(-" + inner.as(SqlType.NUMBER) + ")", SqlType.NUMBER) : inner;
        }
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            DerbyExpression inner = translate(p.get(0));
            return new DerbyExpression("(" + inner.sql() + ")", inner.type(), inner.tagSql());
        }
        if (e instanceof AndExpression a) {
            return logical(a, "AND");
        }
        if (e instanceof OrExpression o) {
            return logical(o, "OR");
        }
        if (e instanceof NotExpression n) {
            return bool("NOT (" + condition(n.getExpression()) + ")");
        }
        if (e instanceof EqualsTo || e instanceof NotEqualsTo || e instanceof GreaterThan
                || e instanceof GreaterThanEquals || e instanceof MinorThan || e instanceof MinorThanEquals) {
            BinaryExpression b = (BinaryExpression) e;
            return bool(compare(b.getLeftExpression(), operator(b), b.getRightExpression()));
        }
        if (e instanceof Addition a) {
            return addition(a);
        }
        if (e instanceof Subtraction || e instanceof Multiplication || e instanceof Division) {
            return arithmetic((BinaryExpression) e);
        }
        if (e instanceof Modulo m) {
            return DerbyExpression.of(REMAINDER + "(" + translate(m.getLeftExpression()).as(SqlType.NUMBER) + ", "
                    + translate(m.getRightExpression()).as(SqlType.NUMBER) + ")", SqlType.NUMBER);
        }
        if (e instanceof Concat c) {
            return DerbyExpression.of("(" + translate(c.getLeftExpression()).as(SqlType.STRING) + " || "
                    + translate(c.getRightExpression()).as(SqlType.STRING) + ")", SqlType.STRING);
        }
        if (e instanceof LikeExpression l) {
            return like(l);
        }
        if (e instanceof InExpression in) {
            return in(in);
        }
        if (e instanceof Between b) {
            return between(b);
        }
        if (e instanceof IsNullExpression n) {
            return isNull(n);
        }
        if (e instanceof Function f) {
            return function(f);
        }
        throw unsupported(e);
    }

    /** The attribute a bare or qualified column reference names, or null when it is something else. */
    SqlScope.ColumnRef reference(Expression e) {
        if (!(e instanceof Column c) || isStringLiteral(c)) {
            return null;
        }
        String name = attributeName(c);
        if (isBare(c) && scope.find(null, name) == null && aliases.containsKey(name)) {
            return null;
        }
        return scope.resolve(c.getTable(), name);
    }

    /** A column reference's attribute name: backticks removed; bare reserved words are Harper syntax errors. */
    static String attributeName(Column c) {
        String name = c.getColumnName();
        if (isBare(c) && !Identifiers.isBackticked(name) && SqlSyntax.isReserved(name)) {
            throw new ReservedWordException(name);
        }
        return Identifiers.unquote(name);
    }

    private static boolean isBare(Column c) {
        return c.getTable() == null || c.getTable().getName() == null;
    }

    private static boolean isStringLiteral(Column c) {
        return isBare(c) && Identifiers.isDoubleQuoted(c.getColumnName());
    }

    private DerbyExpression column(Column c) {
        String name = attributeName(c);
        if (isBare(c) && scope.find(null, name) == null && aliases.containsKey(name)) {
            Map<String, Expression> others = new LinkedHashMap<>(aliases);
            Expression aliased = others.remove(name);
            return new ExpressionTranslator(scope, others).translate(aliased);
        }
        return scope.resolve(c.getTable(), name).expression();
    }

    private static DerbyExpression literal(Expression e, JsonNode value) {
        if (value.isNull()) {
            return DerbyExpression.nullValue();
        }
        if (value.isBoolean()) {
            return bool(value.booleanValue() ? "TRUE" : "FALSE");
        }
        if (value.isTextual()) {
            return DerbyExpression.of(SqlLiterals.quote(value.textValue()), SqlType.STRING);
        }
        // Derby literals with an exponent are DOUBLE, so 7 / 2 is 3.5 as in JavaScript.
        String text = Double.toString(value.doubleValue());
        return DerbyExpression.of(text.contains("E") ? text : text + "E0", SqlType.NUMBER);
    }

    private static DerbyExpression bool(String sql) {
        return DerbyExpression.of(sql, SqlType.BOOLEAN);
    }

    private DerbyExpression logical(BinaryExpression b, String operator) {
        return bool("(" + condition(b.getLeftExpression()) + " " + operator + " " + condition(b.getRightExpression()) + ")");
    }

    private static String operator(BinaryExpression b) {
        return b instanceof NotEqualsTo ? "<>" : b.getStringExpression();
    }

    private String compare(Expression left, String operator, Expression right) {
        String onKey = keyComparison(left, operator, right);
        if (onKey == null) {
            onKey = keyComparison(right, operator, left);
        }
        return onKey != null ? onKey : compare(translate(left), operator, translate(right));
    }

    static String compare(DerbyExpression l, String operator, DerbyExpression r) {
        if (l.type() == SqlType.MIXED && r.type() == SqlType.MIXED) {
            String sameValue = "(" + l.sql() + " = " + r.sql() + " AND (" + l.tagSql() + " = " + r.tagSql()
                    + " OR " + l.tagSql() + " IS NULL AND " + r.tagSql() + " IS NULL))";
            return switch (operator) {
                case "=" -> sameValue;
                case "<>" -> "NOT " + sameValue;
                default -> "(" + l.sql() + " " + operator + " " + r.sql() + ")";
            };
        }
        SqlType type = l.isConcrete() ? l.type() : r.isConcrete() ? r.type() : null;
        if (type == null) {
            return SqlType.BOOLEAN.nullOf();
        }
        return "(" + l.as(type) + " " + operator + " " + r.as(type) + ")";
    }

    /** `id = 4` on the primary key uses the indexed key column K with the type-tagged key ('n:4'). */
    private String keyComparison(Expression column, String operator, Expression value) {
        if (!operator.equals("=") && !operator.equals("<>")) {
            return null;
        }
        SqlScope.ColumnRef ref = keyReference(column);
        JsonNode key = SqlLiterals.toJson(value);
        if (ref == null || !ValueCodec.isKeyType(key)) {
            return null;
        }
        return "(" + ref.keySql() + " " + operator + " " + SqlLiterals.quote(ValueCodec.encodeKey(key)) + ")";
    }

    private SqlScope.ColumnRef keyReference(Expression e) {
        if (!(e instanceof Column c) || isStringLiteral(c)) {
            return null;
        }
        SqlScope.ColumnRef ref = scope.find(c.getTable(), attributeName(c));
        if (ref == null || !ref.isPrimaryKey()) {
            return null;
        }
        scope.reference(ref);
        return ref;
    }

    private DerbyExpression addition(Addition a) {
        DerbyExpression l = translate(a.getLeftExpression());
        DerbyExpression r = translate(a.getRightExpression());
        if (l.type() == SqlType.STRING || r.type() == SqlType.STRING) {
            return DerbyExpression.of("(" + l.as(SqlType.STRING) + " || " + r.as(SqlType.STRING) + ")", SqlType.STRING);
        }
        return DerbyExpression.of("(" + l.as(SqlType.NUMBER) + " + " + r.as(SqlType.NUMBER) + ")", SqlType.NUMBER);
    }

    private DerbyExpression arithmetic(BinaryExpression b) {
        return DerbyExpression.of("(" + translate(b.getLeftExpression()).as(SqlType.NUMBER) + " " + b.getStringExpression()
                + " " + translate(b.getRightExpression()).as(SqlType.NUMBER) + ")", SqlType.NUMBER);
    }

    /** Harper's LIKE ignores case (observed: 'B%' matches "berlin"). */
    private DerbyExpression like(LikeExpression l) {
        String keyword = l.getLikeKeyWord() == null ? "LIKE" : l.getLikeKeyWord().name();
        if (!keyword.equals("LIKE") && !keyword.equals("ILIKE")) {
            throw unsupported(l);
        }
        return bool("(UPPER(" + translate(l.getLeftExpression()).as(SqlType.STRING) + ")" + (l.isNot() ? " NOT" : "")
                + " LIKE UPPER(" + translate(l.getRightExpression()).as(SqlType.STRING) + "))");
    }

    private DerbyExpression in(InExpression in) {
        if (!(in.getRightExpression() instanceof ExpressionList<?> values)) {
            throw unsupported(in);
        }
        String condition = keyIn(in.getLeftExpression(), values);
        if (condition == null) {
            condition = valueIn(translate(in.getLeftExpression()), values);
        }
        return bool(in.isNot() ? "NOT " + condition : condition);
    }

    private String keyIn(Expression left, ExpressionList<?> values) {
        SqlScope.ColumnRef ref = keyReference(left);
        if (ref == null || values.isEmpty()) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (Expression v : values) {
            JsonNode key = SqlLiterals.toJson(v);
            if (!ValueCodec.isKeyType(key)) {
                return null;
            }
            keys.add(SqlLiterals.quote(ValueCodec.encodeKey(key)));
        }
        return "(" + ref.keySql() + " IN (" + String.join(", ", keys) + "))";
    }

    /** x IN (1, 'a'): each type of value is matched against the same-typed view of x. */
    private String valueIn(DerbyExpression left, ExpressionList<?> values) {
        Map<SqlType, List<String>> byType = new LinkedHashMap<>();
        for (Expression v : values) {
            DerbyExpression value = translate(v);
            if (value.type() == SqlType.NULL) {
                continue; // x IN (NULL) is never true
            }
            SqlType type = value.isConcrete() ? value.type() : left.isConcrete() ? left.type() : SqlType.STRING;
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(value.as(type));
        }
        List<String> parts = new ArrayList<>();
        byType.forEach((type, list) -> parts.add(left.as(type) + " IN (" + String.join(", ", list) + ")"));
        return parts.isEmpty() ? "FALSE" : "(" + String.join(" OR ", parts) + ")";
    }

    private DerbyExpression between(Between b) {
        DerbyExpression value = translate(b.getLeftExpression());
        String range = "(" + compare(value, ">=", translate(b.getBetweenExpressionStart())) + " AND "
                + compare(value, "<=", translate(b.getBetweenExpressionEnd())) + ")";
        return bool(b.isNot() ? "NOT " + range : range);
    }

    private DerbyExpression isNull(IsNullExpression n) {
        DerbyExpression value = translate(n.getLeftExpression());
        if (value.type() == SqlType.NULL) {
            return bool(n.isNot() ? "FALSE" : "TRUE");
        }
        return bool("(" + value.sql() + (n.isNot() ? " IS NOT NULL)" : " IS NULL)"));
    }

    private DerbyExpression function(Function f) {
        String name = f.getName().toUpperCase(Locale.ROOT);
        List<Expression> parameters = parameters(f);
        if (name.equals("COUNT") && (f.isAllColumns() || parameters.size() == 1 && parameters.get(0) instanceof AllColumns)) {
            scope.referenceEveryColumn();
            return DerbyExpression.of("COUNT(*)", SqlType.NUMBER);
        }
        if (parameters.size() != 1) {
            throw unsupported(f);
        }
        DerbyExpression argument = translate(parameters.get(0));
        String distinct = f.isDistinct() ? "DISTINCT " : "";
        if (name.equals("COUNT")) {
            return DerbyExpression.of("COUNT(" + distinct + argument.raw() + ")", SqlType.NUMBER);
        }
        // Harper's SUM/AVG/MIN/MAX are numeric: MAX(name) over strings is null (observed).
        if (AGGREGATES.contains(name) || NUMBER_FUNCTIONS.contains(name)) {
            String derbyName = name.equals("CEILING") ? "CEIL" : name;
            return DerbyExpression.of(derbyName + "(" + distinct + argument.as(SqlType.NUMBER) + ")", SqlType.NUMBER);
        }
        if (STRING_FUNCTIONS.contains(name)) {
            return DerbyExpression.of(name + "(" + argument.as(SqlType.STRING) + ")", SqlType.STRING);
        }
        if (name.equals("LENGTH")) {
            return DerbyExpression.of("LENGTH(" + argument.as(SqlType.STRING) + ")", SqlType.NUMBER);
        }
        throw unsupported(f);
    }

    static boolean isAggregate(Function f) {
        return AGGREGATES.contains(f.getName().toUpperCase(Locale.ROOT));
    }

    private static List<Expression> parameters(Function f) {
        List<Expression> out = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Object p : f.getParameters()) {
                out.add((Expression) p);
            }
        }
        return out;
    }

    static HarperException unsupported(Expression e) {
        return HarperException.badRequest("SQL expression not supported: " + e);
    }

    /** Harper's parser rejects the word as a bare identifier; SqlOperations reports it with the SQL text. */
    static final class ReservedWordException extends RuntimeException {
        ReservedWordException(String word) {
            super(word);
        }

        String word() {
            return getMessage();
        }
    }
}
