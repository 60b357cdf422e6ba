package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answered to the client: an HTTP status and Harper's body ({"error": ...} or a 403 object). */
public class ApiException extends RuntimeException {
    private final int status;
    private final transient JsonNode body;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
        ObjectNode node = HarperJson.object();
        node.put("error", message);
        this.body = node;
    }

    public ApiException(int status, String message, JsonNode body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException serverError(String message) {
        return new ApiException(500, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }
}
