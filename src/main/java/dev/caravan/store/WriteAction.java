package dev.caravan.store;

/** Harper's write semantics (contract §3.5). */
public enum WriteAction {
    /** Create; a record whose key exists is skipped. First of duplicate keys wins. */
    INSERT,
    /** Merge into an existing record; a missing key is skipped. Last of duplicate keys wins. */
    UPDATE,
    /** Merge into an existing record or create it. */
    UPSERT
}
