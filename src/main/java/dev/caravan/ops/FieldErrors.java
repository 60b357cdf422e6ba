package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Harper checks user and role fields with validate.js: every failed constraint adds one message
 * ("Role can't be blank", "Role is invalid"), in the order the constraints are declared, and the
 * messages are joined with ",". Only null or absent counts as blank; "" is present.
 */
final class FieldErrors {
    /** Harper's format for role names and ids (validate.js anchors it to the whole value). */
    private static final Pattern NAME = Pattern.compile("[\\w\\-_]+");

    private final ObjectNode body;
    private final List<String> messages = new ArrayList<>();

    FieldErrors(ObjectNode body) {
        this.body = body;
    }

    private JsonNode value(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value;
    }

    FieldErrors present(String field) {
        if (value(field) == null) {
            messages.add(label(field) + " can't be blank");
        }
        return this;
    }

    /** A role name or id: word characters and dashes only. */
    FieldErrors name(String field) {
        JsonNode value = value(field);
        if (value != null && !(value.isTextual() && NAME.matcher(value.textValue()).matches())) {
            messages.add(label(field) + " is invalid");
        }
        return this;
    }

    FieldErrors excluding(String field, String forbidden, String message) {
        JsonNode value = value(field);
        if (value != null && value.isTextual() && value.textValue().equals(forbidden)) {
            messages.add(label(field) + " " + message);
        }
        return this;
    }

    /** validate.js length.maximum, here the store's limit for names (docs/harper-observed.md has no longer name). */
    FieldErrors maxLength(String field, int maximum) {
        JsonNode value = value(field);
        if (value != null && value.isTextual() && value.textValue().length() > maximum) {
            messages.add(label(field) + " is too long (maximum is " + maximum + " characters)");
        }
        return this;
    }

    FieldErrors bool(String field) {
        JsonNode value = value(field);
        if (value != null && !value.isBoolean()) {
            messages.add(label(field) + " must be a boolean");
        }
        return this;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return messages;
    }

    String joined() {
        return String.join(",", messages);
    }

    private static String label(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
