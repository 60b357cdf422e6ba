package dev.caravan.store;

import java.util.Locale;
import java.util.Optional;

/**
 * The type an attribute is declared with (create_table's attributes, a load's types field), under
 * Harper's type names, and the column kind that holds its values. A typed attribute's column is made
 * when the table is, with that kind, and never widens (compatibility C18). ANY keeps Harper's casting
 * and the usual widening.
 */
public enum DeclaredType {
    STRING("String", ColumnKind.TEXT),
    INT("Int", ColumnKind.NUMBER),
    LONG("Long", ColumnKind.NUMBER),
    FLOAT("Float", ColumnKind.NUMBER),
    BOOLEAN("Boolean", ColumnKind.BOOLEAN),
    /** Stored as its ISO-8601 UTC text with milliseconds, as Harper returns a Date. */
    DATE("Date", ColumnKind.TEXT),
    ANY("Any", ColumnKind.NONE);

    /** The names, for messages. */
    public static final String NAMES = "String, Int, Long, Float, Boolean, Date or Any";

    private final String harperName;
    private final ColumnKind kind;

    DeclaredType(String harperName, ColumnKind kind) {
        this.harperName = harperName;
        this.kind = kind;
    }

    /** Harper's name of the type, as describe_table shows it. */
    public String harperName() {
        return harperName;
    }

    /** The kind of the attribute's column; NONE for ANY, whose column comes and widens as for an untyped attribute. */
    public ColumnKind kind() {
        return kind;
    }

    /** Whether the column's kind is fixed by the type. */
    public boolean fixesKind() {
        return kind != ColumnKind.NONE;
    }

    /** Whether a primary key may have this type: keys are strings or numbers (docs/decisions/0001-value-types.md). */
    public boolean isKeyType() {
        return this != BOOLEAN && this != DATE;
    }

    /** The type of a name, any letter case ("int", "Int", "INT"). */
    public static Optional<DeclaredType> named(String name) {
        for (DeclaredType t : values()) {
            if (t.harperName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
