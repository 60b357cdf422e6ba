package dev.caravan.search;

import dev.caravan.api.ApiException;
import dev.caravan.store.Column;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Table;

/**
 * The tables a statement reads, each under a generated Derby correlation name (Q1, Q2, ...) so no
 * Harper alias or name meets Derby's identifier rules, and the lookup of column references in them.
 */
final class SqlScope {
    /** One table of the FROM clause. */
    record Source(TableMeta table, String alias, String correlation) {
        String qualified(String derbyColumn) {
            return correlation + "." + derbyColumn;
        }
    }

    /** A column reference resolved to a table attribute (or the key, or a timestamp). */
    record ColumnRef(Source source, String attribute) {
        boolean isPrimaryKey() {
            return attribute.equals(source.table().primaryKey());
        }

        boolean isTimestamp() {
            return source.table().isTimestamp(attribute);
        }

        Column column() {
            return source.table().attribute(attribute);
        }

        /** The value as an expression: the attribute's column (the key has one too), CT / UT for timestamps. */
        DerbyExpression expression() {
            if (TableMeta.CREATED_TIME.equals(attribute)) {
                return DerbyExpression.of(source.qualified(TableMeta.CREATED_COLUMN), SqlType.NUMBER);
            }
            if (TableMeta.UPDATED_TIME.equals(attribute)) {
                return DerbyExpression.of(source.qualified(TableMeta.UPDATED_COLUMN), SqlType.NUMBER);
            }
            Column column = column();
            String sql = column.hasColumn() ? source.qualified(column.quotedColumn()) : null;
            return switch (column.kind()) {
                case NUMBER -> DerbyExpression.of(sql, SqlType.NUMBER);
                case BOOLEAN -> DerbyExpression.of(sql, SqlType.BOOLEAN);
                case TEXT -> DerbyExpression.mixed(sql, source.qualified(column.quotedTagColumn()));
                case NONE -> DerbyExpression.nullValue();
            };
        }

        /** The stored key column (type-tagged text; see ValueCodec.encodeKey). */
        String keySql() {
            return source.qualified(TableMeta.KEY_COLUMN);
        }
    }

    private final List<Source> sources = new ArrayList<>();

    Source add(TableMeta table, String alias) {
        Source source = new Source(table, alias, "Q" + (sources.size() + 1));
        sources.add(source);
        return source;
    }

    List<Source> sources() {
        return sources;
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The source a qualifier (alias, table name or db.table) names, or null. */
    Source source(Table qualifier) {
        String name = Identifiers.unquote(qualifier.getName());
        String database = qualifier.getSchemaName() == null ? null : Identifiers.unquote(qualifier.getSchemaName());
        for (Source s : sources) {
            if (database == null && name.equals(s.alias())) {
                return s;
            }
        }
        for (Source s : sources) {
            if (name.equals(s.table().name()) && (database == null || database.equals(s.table().database()))) {
                return s;
            }
        }
        return null;
    }

    /** The attribute a column reference names; Harper answers 500 `unknown column x` (observed §5). */
    ColumnRef resolve(Table qualifier, String attribute) {
        ColumnRef found = find(qualifier, attribute);
        if (found == null) {
            throw ApiException.serverError("unknown column " + attribute);
        }
        return found;
    }

    ColumnRef find(Table qualifier, String attribute) {
        if (qualifier != null && qualifier.getName() != null) {
            Source s = source(qualifier);
            return s != null && s.table().hasAttribute(attribute) ? new ColumnRef(s, attribute) : null;
        }
        for (Source s : sources) {
            if (s.table().hasAttribute(attribute)) {
                return new ColumnRef(s, attribute);
            }
        }
        return null;
    }
}
