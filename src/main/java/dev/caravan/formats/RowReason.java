package dev.caravan.formats;

/**
 * Why a row was skipped or failed, or what was dropped from a row that was still written: the reason
 * codes get_job counts and get_job_errors lists (docs/row-outcomes.md).
 */
public enum RowReason {
    /** insert: a record with this key is in the table; the row is skipped (Harper's skipped_hashes). */
    KEY_EXISTS("key_exists", Kind.SKIPPED),
    /** update: no record with this key is in the table; the row is skipped. */
    KEY_NOT_FOUND("key_not_found", Kind.SKIPPED),
    /** insert: an earlier row of the same batch had this key, and the first wins. */
    DUPLICATE_KEY("duplicate_key", Kind.SKIPPED),
    /** A CSV row with more cells than the header: the extra cells are dropped, the row is written. */
    EXTRA_FIELDS("extra_fields", Kind.NOTE),
    /** A value longer than the store holds. */
    VALUE_TOO_LONG("value_too_long", Kind.FAILED),
    /** A value that cannot be cast to its attribute's declared type. */
    NOT_CASTABLE("not_castable", Kind.FAILED),
    /** A null or absent value for an attribute declared nullable: false. */
    NULL_NOT_ALLOWED("null_not_allowed", Kind.FAILED),
    /** A JSON element or line that is not valid JSON. */
    MALFORMED_JSON("malformed_json", Kind.FAILED),
    /** A JSON element or line that is valid JSON but not an object. */
    NOT_AN_OBJECT("not_an_object", Kind.FAILED),
    /** A CSV record whose quoting is broken under the load's dialect. */
    MALFORMED_CSV("malformed_csv", Kind.FAILED),
    /** A primary key that is neither a string nor a number, or too long for the store. */
    INVALID_KEY("invalid_key", Kind.FAILED),
    /** update: a row without a primary key value (Harper fails the whole job; see docs/row-outcomes.md). */
    NO_KEY("no_key", Kind.FAILED);

    /** What a reason does to its row. */
    public enum Kind {
        /** The row is not written, as Harper would not write it either: not an error. */
        SKIPPED,
        /** The row cannot be written: a bad row, counted against the error policy. */
        FAILED,
        /** The row is written, but part of it was dropped. */
        NOTE
    }

    private final String code;
    private final Kind kind;

    RowReason(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    /** The code in answers and in the row errors table. */
    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public static RowReason ofCode(String code) {
        for (RowReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown row reason " + code);
    }
}
