package dev.caravan.auth;

/** A stored user as the API may show it: everything but the password hash. */
public record UserAccount(String username, boolean active, String roleId, double createdTime, double updatedTime) {
}
