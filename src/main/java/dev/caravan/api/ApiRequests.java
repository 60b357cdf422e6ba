package dev.caravan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.Authenticator;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.store.SqlDialect;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import java.io.IOException;
import org.apache.camel.Exchange;

/** Turns an HTTP exchange into an authenticated OperationRequest (contract §1.1). */
public class ApiRequests {
    private final Authenticator authenticator;
    private final StorableText storable;

    public ApiRequests(Authenticator authenticator, SqlDialect dialect) {
        this.authenticator = authenticator;
        this.storable = new StorableText(dialect);
    }

    public OperationRequest read(Exchange exchange) {
        User user = authenticator.authenticate(exchange.getMessage().getHeader("Authorization", String.class));
        // bytes, not a String: a body may be as large as caravan.max-body-bytes (BodyLimit)
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(null);
        ObjectNode request = parse(body);
        RequestMetrics.operation(exchange, request.get("operation").asText());
        storable.check(request);
        return new OperationRequest(request, user, new Access(user));
    }

    /** The request body as an object with a textual 'operation', or 400 with Harper's message. */
    static ObjectNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw HarperException.badRequest("Body must not be empty");
        }
        JsonNode json;
        try {
            json = HarperJson.parse(body);
        } catch (JsonProcessingException e) {
            throw HarperException.badRequest(e.getOriginalMessage());
        } catch (IOException e) {
            throw HarperException.badRequest(e.getMessage());
        }
        if (json == null || json.isMissingNode()) {
            throw HarperException.badRequest("Body must not be empty");
        }
        if (!(json instanceof ObjectNode request) || !request.has("operation") || request.get("operation").isNull()) {
            throw HarperException.badRequest("Request body must include an 'operation' property.");
        }
        if (!request.get("operation").isTextual()) {
            throw HarperException.badRequest("Operation '" + request.get("operation").asText() + "' not found");
        }
        return request;
    }
}
