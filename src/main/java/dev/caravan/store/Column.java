package dev.caravan.store;

/** One attribute of a table and the Derby column(s) that hold it. */
/** ordinal orders attributes by creation, as Harper lists them. */
public record Column(String attribute, String columnName, ColumnKind kind, long ordinal) {

    /** The column holding the type tag of a TEXT attribute (null = string; see ValueCodec). */
    public String tagColumnName() {
        return kind == ColumnKind.TEXT ? columnName + "_T" : null;
    }

    public boolean hasColumn() {
        return kind != ColumnKind.NONE;
    }

    public String quotedColumn() {
        return '"' + columnName + '"';
    }

    public String quotedTagColumn() {
        return '"' + tagColumnName() + '"';
    }
}
