package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Operation name -> handler. Operation groups register themselves; the API route dispatches here. */
public class OperationRegistry {
    private final Map<String, OperationHandler> handlers = new ConcurrentHashMap<>();

    public OperationRegistry register(String operation, OperationHandler handler) {
        if (handlers.putIfAbsent(operation, handler) != null) {
            throw new IllegalStateException("operation registered twice: " + operation);
        }
        return this;
    }

    public boolean has(String operation) {
        return handlers.containsKey(operation);
    }

    /** Runs the request's operation (Camel bean method called by routes/operations.camel.yaml). */
    public JsonNode run(OperationRequest request) throws Exception {
        OperationHandler handler = handlers.get(request.operation());
        if (handler == null) {
            throw ApiException.badRequest("Operation '" + request.operation() + "' not found");
        }
        return handler.handle(request);
    }

    public Map<String, OperationHandler> all() {
        return new TreeMap<>(handlers);
    }
}
