package dev.caravan.search;

import dev.caravan.auth.AttributeDenials;
import dev.caravan.auth.AttributePermissions;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.store.Column;
import dev.caravan.store.TableMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;

/**
 * The tables a statement reads, each under a generated Derby correlation name (Q1, Q2, ...) so no
 * Harper alias or name meets Derby's identifier rules, and the lookup of column references in them.
 * Every column the statement references is remembered per table, so the role's attribute rights are
 * checked once, over all of them (docs/harper-observed.md §8).
 */
final class SqlScope {
    /** One table of the FROM clause and the role's rights on its attributes. */
    record Source(TableMeta table, String alias, String correlation, AttributePermissions permissions) {
        String qualified(String derbyColumn) {
            return correlation + "." + derbyColumn;
        }

        /** What "*" selects: every attribute, or only the readable ones for a restricted role. */
        List<String> starAttributes() {
            return permissions.isRestricted() ? permissions.readable() : table.allAttributeNames();
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
    private final Map<Source, Set<String>> referenced = new LinkedHashMap<>();

    Source add(TableMeta table, String alias, AttributePermissions permissions) {
        Source source = new Source(table, alias, "Q" + (sources.size() + 1), permissions);
        sources.add(source);
        return source;
    }

    /**
     * Remembers a column reference. A bare name is also charged to the first FROM table, as Harper
     * charges it (observed §8: a bare `oname` of a join "does not exist on 'perm_obs.dog'").
     */
    private void reference(Source source, Table qualifier, String attribute) {
        if (source != null) {
            referenced.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(attribute);
        }
        if ((qualifier == null || qualifier.getName() == null) && !sources.isEmpty() && sources.get(0) != source) {
            referenced.computeIfAbsent(sources.get(0), s -> new LinkedHashSet<>()).add(attribute);
        }
    }

    /** A reference outside the resolver (the key of `id = 4`, the `*` Harper sees in COUNT(*)). */
    void reference(ColumnRef ref) {
        referenced.computeIfAbsent(ref.source(), s -> new LinkedHashSet<>()).add(ref.attribute());
    }

    /** Harper charges COUNT(*) to the first table as an attribute `*`, which a restricted role lacks (observed §8). */
    void referenceEveryColumn() {
        if (!sources.isEmpty()) {
            referenced.computeIfAbsent(sources.get(0), s -> new LinkedHashSet<>()).add("*");
        }
    }

    /** 403 unless the role may read every column referenced so far. */
    void requireReadable() {
        AttributeDenials denials = new AttributeDenials();
        referenced.forEach((source, attributes) -> denials.check(source.permissions(), attributes, TablePermission.READ));
        denials.throwIfAny();
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
            // A restricted role is told the attribute does not exist for it, before the unknown column (observed §8).
            Source named = qualifier != null && qualifier.getName() != null ? source(qualifier) : null;
            reference(named, qualifier, attribute);
            requireReadable();
            throw HarperException.serverError("unknown column " + attribute);
        }
        reference(found.source(), qualifier, attribute);
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
