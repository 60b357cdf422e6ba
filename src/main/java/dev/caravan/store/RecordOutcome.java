package dev.caravan.store;

/** What a write did with one input record (docs/row-outcomes.md). */
public enum RecordOutcome {
    INSERTED,
    UPDATED,
    /** update or upsert: the record's stored values were those given already (its updated time still moves, as in Harper). */
    UNCHANGED,
    /** insert: a record with its key is in the table. */
    KEY_EXISTS,
    /** update: no record with its key is in the table. */
    KEY_NOT_FOUND,
    /** insert: an earlier record of the same write had its key (the first wins). */
    DUPLICATE_KEY;

    public boolean written() {
        return this == INSERTED || this == UPDATED || this == UNCHANGED;
    }
}
