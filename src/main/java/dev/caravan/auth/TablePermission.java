package dev.caravan.auth;

import java.util.Locale;

/** Harper's table-level permissions in a role. */
public enum TablePermission {
    READ, INSERT, UPDATE, DELETE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
