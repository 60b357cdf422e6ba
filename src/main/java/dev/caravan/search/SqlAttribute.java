package dev.caravan.search;

import dev.caravan.store.Column;
import dev.caravan.store.ColumnKind;
import dev.caravan.store.TableMeta;
import dev.caravan.store.UnknownAttributeException;

/**
 * An attribute as SQL sees it: its Derby value column, the type tag column of a TEXT attribute, and
 * for the primary key the type-tagged K column (exact lookups). Timestamps are the CT / UT columns.
 */
public record SqlAttribute(String name, ColumnKind kind, String value, String tag, boolean primaryKey) {

    public static SqlAttribute of(TableMeta table, String name) {
        if (TableMeta.CREATED_TIME.equals(name)) {
            return new SqlAttribute(name, ColumnKind.NUMBER, TableMeta.CREATED_COLUMN, null, false);
        }
        if (TableMeta.UPDATED_TIME.equals(name)) {
            return new SqlAttribute(name, ColumnKind.NUMBER, TableMeta.UPDATED_COLUMN, null, false);
        }
        Column column = table.attribute(name);
        if (column == null) {
            throw new UnknownAttributeException(name);
        }
        boolean key = name.equals(table.primaryKey());
        if (!column.hasColumn()) {
            return new SqlAttribute(name, ColumnKind.NONE, null, null, key);
        }
        String tag = column.kind() == ColumnKind.TEXT ? column.quotedTagColumn() : null;
        return new SqlAttribute(name, column.kind(), column.quotedColumn(), tag, key);
    }
}
