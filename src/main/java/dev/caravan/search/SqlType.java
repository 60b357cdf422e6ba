package dev.caravan.search;

/** The type of a translated expression, as the store's engine sees it (the type names are both engines'). */
enum SqlType {
    NUMBER("DOUBLE PRECISION"),
    STRING("VARCHAR(32672)"),
    BOOLEAN("BOOLEAN"),
    /** A TEXT column: text plus a type tag, so it may hold any JSON type (see ValueCodec). */
    MIXED(null),
    /** The NULL literal, or an attribute that has no column yet. */
    NULL(null);

    private final String derbyType;

    SqlType(String derbyType) {
        this.derbyType = derbyType;
    }

    String nullOf() {
        return "CAST(NULL AS " + derbyType + ")";
    }
}
