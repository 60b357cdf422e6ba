package dev.caravan.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An authenticated user and its role (permission is Harper's role permission object). */
public record User(String username, boolean active, Role role) {
    public boolean isSuperUser() {
        return role != null && role.isSuperUser();
    }

    public record Role(String id, String name, ObjectNode permission, double createdTime, double updatedTime) {
        public boolean isSuperUser() {
            return permission != null && permission.path("super_user").asBoolean(false);
        }
    }
}
