package dev.caravan.store;

/**
 * One attribute of a table and the Derby column(s) that hold it. ordinal orders attributes by creation,
 * as Harper lists them. type is the declared type (null: untyped) and nullable the declared
 * nullability (null: not declared, which allows null).
 */
public record Column(String attribute, String columnName, ColumnKind kind, long ordinal, DeclaredType type,
                     Boolean nullable) {

    /** An untyped attribute. */
    public Column(String attribute, String columnName, ColumnKind kind, long ordinal) {
        this(attribute, columnName, kind, ordinal, null, null);
    }

    /** The same attribute, declaration included, in another column. */
    public Column stored(String newColumnName, ColumnKind newKind) {
        return new Column(attribute, newColumnName, newKind, ordinal, type, nullable);
    }

    /** Whether a null value is refused (declared nullable: false). */
    public boolean refusesNull() {
        return Boolean.FALSE.equals(nullable);
    }

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
