package dev.caravan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.Authenticator;
import dev.caravan.auth.User;
import org.apache.camel.Exchange;

/** Turns an HTTP exchange into an authenticated OperationRequest (spec §1.1). */
public class ApiRequests {
    private final Authenticator authenticator;

    public ApiRequests(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public OperationRequest read(Exchange exchange) {
        User user = authenticator.authenticate(exchange.getMessage().getHeader("Authorization", String.class));
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("Body must not be empty");
        }
        JsonNode json;
        try {
            json = HarperJson.parse(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(e.getOriginalMessage());
        }
        if (!(json instanceof ObjectNode body) || !body.has("operation") || body.get("operation").isNull()) {
            throw ApiException.badRequest("Request body must include an 'operation' property.");
        }
        if (!body.get("operation").isTextual()) {
            throw ApiException.badRequest("Operation '" + body.get("operation").asText() + "' not found");
        }
        return new OperationRequest(body, user, new Access(user));
    }
}
