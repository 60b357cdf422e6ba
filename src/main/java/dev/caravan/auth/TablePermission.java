package dev.caravan.auth;

/** Harper's table-level permissions in a role. */
public enum TablePermission {
    READ, INSERT, UPDATE, DELETE;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
