package dev.caravan.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answered to the client: an HTTP status and Harper's body ({"error": ...} or a 403 object). */
public class HarperException extends RuntimeException {
    private final int status;
    private final transient JsonNode body;

    public HarperException(int status, String message) {
        super(message);
        this.status = status;
        ObjectNode node = HarperJson.object();
        node.put("error", message);
        this.body = node;
    }

    public HarperException(int status, String message, JsonNode body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public static HarperException badRequest(String message) {
        return new HarperException(400, message);
    }

    public static HarperException serverError(String message) {
        return new HarperException(500, message);
    }

    public static HarperException notFound(String message) {
        return new HarperException(404, message);
    }

    public static HarperException unauthorized(String message) {
        return new HarperException(401, message);
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }
}
