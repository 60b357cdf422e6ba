package dev.caravan.search;

import dev.caravan.auth.AttributePermissions;
import dev.caravan.core.HarperException;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Rewrites a Harper SELECT (parsed by JSqlParser) into Derby SQL over Caravan's generated names
 * (docs/harper-observed.md §5): tables become "D1"."T2" under correlation names Q1, Q2, columns their
 * C&lt;n&gt; columns (the key K, the timestamps CT / UT), and each selected value remembers the key
 * Harper gives it in the answer and how to decode it.
 */
public final class SqlTranslator {
    /** Finds a table named in SQL, raising Harper's errors for missing or forbidden ones. */
    @FunctionalInterface
    public interface TableResolver {
        TableMeta resolve(String database, String table);
    }

    /** The role's rights on the attributes of a table the SQL names (Access.attributes). */
    @FunctionalInterface
    public interface AttributeRights {
        AttributePermissions of(TableMeta table);
    }

    /** One key of the answer records and the value it holds. */
    record OutputColumn(String key, SelectedValue value) {
    }

    /** Derby SQL and the answer's keys, in select-list order. */
    record DerbyQuery(String sql, List<OutputColumn> columns) {
    }

    private static final String UNDEFINED = "undefined";
    /** One row to select literals from: a table value both engines take. */
    private static final String NO_TABLE = "(VALUES (1)) AS ONE_ROW (X)";

    private final TableResolver tables;
    private final AttributeRights rights;

    /** rights: the role's attribute rights on each table the statement names. */
    public SqlTranslator(TableResolver tables, AttributeRights rights) {
        this.tables = tables;
        this.rights = rights;
    }

    /** A translator for a user without attribute restrictions. */
    public SqlTranslator(TableResolver tables) {
        this(tables, t -> AttributePermissions.unrestricted());
    }

    /** The Harper database and table a table reference names; Harper needs the database (observed §5). */
    static TableMeta resolve(TableResolver tables, Table table) {
        String name = Identifiers.unquote(table.getName());
        if (table.getSchemaName() == null) {
            throw HarperException.serverError("schema not defined for table " + name);
        }
        return tables.resolve(Identifiers.unquote(table.getSchemaName()), name);
    }

    /** The tables a SELECT reads, in FROM order. */
    public static List<Table> tablesOf(PlainSelect select) {
        List<Table> out = new ArrayList<>();
        if (select.getFromItem() != null) {
            out.add(table(select.getFromItem()));
        }
        if (select.getJoins() != null) {
            for (Join j : select.getJoins()) {
                out.add(table(j.getRightItem()));
            }
        }
        return out;
    }

    private static Table table(FromItem item) {
        if (item instanceof Table t) {
            return t;
        }
        throw HarperException.badRequest("SQL FROM supports tables only: " + item);
    }

    DerbyQuery select(PlainSelect select) {
        if (select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null) {
            throw HarperException.badRequest("SQL DISTINCT ON is not supported");
        }
        SqlScope scope = new SqlScope();
        String from = from(select, scope);
        Map<String, Expression> aliases = new LinkedHashMap<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getAlias() != null) {
                aliases.put(aliasName(item.getAlias()), item.getExpression());
            }
        }
        ExpressionTranslator expressions = new ExpressionTranslator(scope, aliases);
        SelectList list = new SelectList();
        for (SelectItem<?> item : select.getSelectItems()) {
            addItem(list, scope, expressions, item);
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        if (select.getDistinct() != null) {
            sql.append("DISTINCT ");
        }
        sql.append(list.sql()).append(" FROM ").append(from);
        ExpressionTranslator columnsOnly = new ExpressionTranslator(scope);
        if (select.getWhere() != null) {
            sql.append(" WHERE ").append(columnsOnly.condition(select.getWhere()));
        }
        if (select.getGroupBy() != null) {
            List<String> groups = new ArrayList<>();
            for (Object e : select.getGroupBy().getGroupByExpressionList()) {
                groups.addAll(groupColumns(columnsOnly, (Expression) e));
            }
            if (!groups.isEmpty()) {
                sql.append(" GROUP BY ").append(String.join(", ", groups));
            }
        }
        if (select.getHaving() != null) {
            sql.append(" HAVING ").append(expressions.condition(select.getHaving()));
        }
        appendOrderBy(sql, select.getOrderByElements(), scope, expressions, list);
        appendLimit(sql, select);
        scope.requireReadable();
        return new DerbyQuery(sql.toString(), list.columns);
    }

    /**
     * The rows an UPDATE or DELETE touches: their key (under the primary key's name) and the value of
     * each SET expression, so each answer row is the update record to write.
     */
    DerbyQuery matching(Table table, Expression where, Map<String, Expression> values) {
        SqlScope scope = new SqlScope();
        String source = source(scope, table);
        SqlScope.Source target = scope.sources().get(0);
        ExpressionTranslator expressions = new ExpressionTranslator(scope);
        SelectList list = new SelectList();
        String primaryKey = target.table().primaryKey();
        list.add(primaryKey, SelectedValue.key(new SqlScope.ColumnRef(target, primaryKey)), false);
        values.forEach((attribute, e) -> {
            SqlScope.ColumnRef ref = expressions.reference(e);
            list.add(attribute, ref != null ? SelectedValue.of(ref) : SelectedValue.expression(expressions.translate(e)), false);
        });
        String sql = "SELECT " + list.sql() + " FROM " + source;
        if (where != null) {
            sql += " WHERE " + expressions.condition(where);
        }
        // The WHERE and the SET values read the attributes they name; Harper checks only DELETE's (observed §8).
        scope.requireReadable();
        return new DerbyQuery(sql, list.columns);
    }

    private String from(PlainSelect select, SqlScope scope) {
        if (select.getFromItem() == null) {
            return NO_TABLE;
        }
        StringBuilder from = new StringBuilder(source(scope, table(select.getFromItem())));
        if (select.getJoins() == null) {
            return from.toString();
        }
        for (Join join : select.getJoins()) {
            String right = source(scope, table(join.getRightItem()));
            if (join.isSimple() || join.isCross()) {
                from.append(" CROSS JOIN ").append(right);
                continue;
            }
            if (join.isFull() || join.isNatural() || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
                throw HarperException.badRequest("SQL join not supported: " + join);
            }
            from.append(join.isLeft() ? " LEFT OUTER JOIN " : join.isRight() ? " RIGHT OUTER JOIN " : " INNER JOIN ")
                    .append(right).append(" ON ");
            List<String> on = new ArrayList<>();
            ExpressionTranslator expressions = new ExpressionTranslator(scope);
            for (Expression e : join.getOnExpressions()) {
                on.add(expressions.condition(e));
            }
            from.append(on.isEmpty() ? "TRUE" : String.join(" AND ", on));
        }
        return from.toString();
    }

    private String source(SqlScope scope, Table table) {
        TableMeta meta = resolve(tables, table);
        String alias = table.getAlias() == null ? null : aliasName(table.getAlias());
        return meta.sqlName() + " " + scope.add(meta, alias, rights.of(meta)).correlation();
    }

    private static String aliasName(Alias alias) {
        return Identifiers.unquote(alias.getName());
    }

    private static void addItem(SelectList list, SqlScope scope, ExpressionTranslator expressions, SelectItem<?> item) {
        Expression e = item.getExpression();
        if (e instanceof AllTableColumns star) {
            SqlScope.Source source = scope.source(star.getTable());
            if (source == null) {
                throw HarperException.serverError("unknown table " + star.getTable());
            }
            addAll(list, source);
        } else if (e instanceof AllColumns) {
            scope.sources().forEach(s -> addAll(list, s));
        } else {
            SqlScope.ColumnRef ref = expressions.reference(e);
            SelectedValue value = ref != null ? SelectedValue.of(ref) : SelectedValue.expression(expressions.translate(e));
            if (item.getAlias() != null) {
                list.add(aliasName(item.getAlias()), value, false);
            } else {
                list.add(ref != null ? ref.attribute() : keyOf(e), value, ref != null);
            }
        }
    }

    /** "*": Harper's attribute order per table, a restricted role's readable ones only; absent attributes are null (observed §4, §5, §8). */
    private static void addAll(SelectList list, SqlScope.Source source) {
        for (String attribute : source.starAttributes()) {
            list.add(attribute, SelectedValue.of(new SqlScope.ColumnRef(source, attribute)), true);
        }
    }

    /** Harper keys an unaliased function by its text (`COUNT(*)`, `SUM(a.age)`), other expressions `undefined`. */
    static String keyOf(Expression e) {
        if (e instanceof Function f) {
            String text = f.toString();
            return f.getName().toUpperCase(Locale.ROOT) + text.substring(f.getName().length());
        }
        return UNDEFINED;
    }

    /** GROUP BY needs every select-list column of a grouped attribute: value and tag, or key and value. */
    private static List<String> groupColumns(ExpressionTranslator expressions, Expression e) {
        List<String> out = new ArrayList<>();
        SqlScope.ColumnRef ref = expressions.reference(e);
        if (ref != null && ref.isPrimaryKey()) {
            out.add(ref.keySql());
            if (ref.column().hasColumn()) {
                out.addAll(SelectedValue.attribute(ref.source(), ref.column()).sql());
            }
            return out;
        }
        DerbyExpression value = ref != null ? ref.expression() : expressions.translate(e);
        if (value.type() == SqlType.MIXED) {
            out.add(value.sql());
            out.add(value.tagSql());
        } else if (value.type() != SqlType.NULL) {
            out.add(value.sql());
        }
        return out;
    }

    /** Harper sorts null first ascending and last descending (observed: ORDER BY age DESC ends with null). */
    private static void appendOrderBy(StringBuilder sql, List<OrderByElement> order, SqlScope scope,
                                      ExpressionTranslator expressions, SelectList list) {
        if (order == null || order.isEmpty()) {
            return;
        }
        List<String> terms = new ArrayList<>();
        for (OrderByElement o : order) {
            String term = list.positionOfAlias(o.getExpression(), scope);
            if (term == null) {
                term = expressions.translate(o.getExpression()).raw();
            }
            boolean nullsFirst = o.getNullOrdering() == null ? o.isAsc()
                    : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
            terms.add(term + (o.isAsc() ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST"));
        }
        sql.append(" ORDER BY ").append(String.join(", ", terms));
    }

    private static void appendLimit(StringBuilder sql, PlainSelect select) {
        Expression offset = select.getOffset() != null ? select.getOffset().getOffset()
                : select.getLimit() != null ? select.getLimit().getOffset() : null;
        Expression rows = select.getLimit() != null ? select.getLimit().getRowCount() : null;
        if (offset != null) {
            sql.append(" OFFSET ").append(count(offset)).append(" ROWS");
        }
        if (rows != null) {
            sql.append(" FETCH NEXT ").append(count(rows)).append(" ROWS ONLY");
        }
    }

    private static long count(Expression e) {
        if (e instanceof LongValue v && v.getValue() >= 0) {
            return v.getValue();
        }
        throw HarperException.badRequest("SQL LIMIT and OFFSET take a whole number: " + e);
    }

    /**
     * Builds the Derby select list and the answer keys. Harper renames repeated column keys id1, id2
     * (observed §5); other repeated keys (two `undefined`) keep the later value, as the reader's put does.
     */
    private static final class SelectList {
        private final List<OutputColumn> columns = new ArrayList<>();
        private final List<String> sql = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();
        private final Map<String, Integer> positionByAlias = new HashMap<>();

        void add(String key, SelectedValue value, boolean renameRepeats) {
            String unique = key;
            for (int n = 1; renameRepeats && keys.contains(unique); n++) {
                unique = key + n;
            }
            keys.add(unique);
            if (value.width() > 0) {
                positionByAlias.put(unique, sql.size() + 1);
            }
            columns.add(new OutputColumn(unique, value));
            sql.addAll(value.sql());
        }

        /** ORDER BY an alias sorts by that select-list column, by position. */
        String positionOfAlias(Expression e, SqlScope scope) {
            if (!(e instanceof Column c) || c.getTable() != null && c.getTable().getName() != null) {
                return null;
            }
            String name = Identifiers.unquote(c.getColumnName());
            Integer position = positionByAlias.get(name);
            return position != null && scope.find(null, name) == null ? String.valueOf(position) : null;
        }

        String sql() {
            return sql.isEmpty() ? "1" : String.join(", ", sql);
        }
    }
}
