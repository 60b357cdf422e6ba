package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.RootCause;
import dev.caravan.store.LockConflict;
import dev.caravan.store.StoreException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes answers: the handler's JSON with 200, or an error mapped to Harper's status and body. */
public class ApiResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
    static final String UNEXPECTED = "There was an error processing your request. Check logs and try again.";
    static final String BUSY = "The database is busy with other requests; try again";
    static final String JSON = "application/json; charset=utf-8";

    public void ok(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        write(exchange, 200, body);
    }

    public void error(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HarperException error = toApiError(caught);
        write(exchange, error.status(), error.body());
    }

    static HarperException toApiError(Throwable caught) {
        Throwable cause = RootCause.of(caught);
        if (cause instanceof HarperException api) {
            return api;
        }
        if (cause instanceof IllegalArgumentException) {
            return HarperException.badRequest(cause.getMessage());
        }
        // A lost lock conflict is the client's to retry (503, Harper's body shape), never a 500.
        if (cause instanceof StoreException store && store.status() != 500) {
            return new HarperException(store.status(), cause.getMessage());
        }
        if (LockConflict.isLockConflict(cause)) {
            LOG.info("Request lost a lock conflict: {}", cause.getMessage());
            return new HarperException(503, BUSY);
        }
        // Unexpected: the log has the details, the client a plain message (no internals, no secrets).
        LOG.error("Request failed", cause);
        return HarperException.serverError(UNEXPECTED);
    }

    private static void write(Exchange exchange, int status, JsonNode body) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, JSON);
        exchange.getMessage().setBody(HarperJson.write(body));
    }
}
