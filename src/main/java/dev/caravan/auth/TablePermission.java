package dev.caravan.auth;

import dev.caravan.store.WriteAction;
import java.util.Locale;

/** Harper's table-level permissions in a role. */
public enum TablePermission {
    READ, INSERT, UPDATE, DELETE;

    /** The rights a write needs, on the table and on each attribute it writes: upsert needs both insert and update. */
    public static TablePermission[] neededFor(WriteAction action) {
        return switch (action) {
            case INSERT -> new TablePermission[] {INSERT};
            case UPDATE -> new TablePermission[] {UPDATE};
            case UPSERT -> new TablePermission[] {INSERT, UPDATE};
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
