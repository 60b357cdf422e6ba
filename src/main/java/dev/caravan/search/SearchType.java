package dev.caravan.search;

import dev.caravan.core.HarperException;

/** Harper's condition comparators, with the short aliases 4.7 also accepts (names are case-sensitive). */
public enum SearchType {
    EQUALS("equals", "eq"),
    NOT_EQUAL("not_equal", "ne"),
    CONTAINS("contains", "ct"),
    STARTS_WITH("starts_with", "sw"),
    ENDS_WITH("ends_with", "ew"),
    GREATER_THAN("greater_than", "gt"),
    GREATER_THAN_EQUAL("greater_than_equal", "ge"),
    LESS_THAN("less_than", "lt"),
    LESS_THAN_EQUAL("less_than_equal", "le"),
    BETWEEN("between", null);

    private final String harperName;
    private final String alias;

    SearchType(String harperName, String alias) {
        this.harperName = harperName;
        this.alias = alias;
    }

    public String harperName() {
        return harperName;
    }

    /** The comparator named in a condition; 400 as Harper for any other name (observed §4). */
    public static SearchType of(String name) {
        for (SearchType t : values()) {
            if (t.harperName.equals(name) || name.equals(t.alias)) {
                return t;
            }
        }
        throw HarperException.badRequest("Unknown query comparator \"" + name + "\"");
    }
}
