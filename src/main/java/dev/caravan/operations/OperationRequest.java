package dev.caravan.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;

/** One authenticated Operations API request: the JSON body and who sent it. */
public record OperationRequest(ObjectNode body, User user, Access access) {

    public String operation() {
        return body.path("operation").asText();
    }

    /** The field's value, or null when absent or JSON null. */
    public JsonNode field(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** The field as text, or null when absent or null. */
    public String text(String name) {
        JsonNode value = field(name);
        return value == null ? null : value.asText();
    }

    /**
     * Harper's database normalisation (contract §1.2): database wins over schema when truthy, and
     * neither given means 'data'.
     */
    public String database() {
        requireNotContainer("database");
        requireNotContainer("schema");
        String database = truthy(field("database"));
        if (database != null) {
            return database;
        }
        String schema = truthy(field("schema"));
        return schema != null ? schema : "data";
    }

    /** An array or object where a name belongs is refused: its text would be a name nobody asked for. */
    public void requireNotContainer(String name) {
        JsonNode value = field(name);
        if (value != null && value.isContainerNode()) {
            throw HarperException.badRequest("'" + name + "' must be a string");
        }
    }

    private static String truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty() ? null : value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : null;
        }
        if (value.isNumber()) {
            return value.doubleValue() == 0 ? null : value.asText();
        }
        return value.toString();
    }
}
