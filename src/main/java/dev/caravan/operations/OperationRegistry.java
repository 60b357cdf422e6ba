package dev.caravan.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Operation name -> handler. Operation groups register themselves; the API route dispatches here. */
public class OperationRegistry {
    private final Map<String, OperationHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, MemoryAnswer> memoryAnswers = new ConcurrentHashMap<>();

    public OperationRegistry register(String operation, OperationHandler handler) {
        if (handlers.putIfAbsent(operation, handler) != null) {
            throw new IllegalStateException("operation registered twice: " + operation);
        }
        return this;
    }

    /** An answer from memory for a registered operation, tried before it runs (see EventLoopAnswers). */
    public OperationRegistry registerMemoryAnswer(String operation, MemoryAnswer answer) {
        if (!handlers.containsKey(operation) || memoryAnswers.putIfAbsent(operation, answer) != null) {
            throw new IllegalStateException("memory answer for an unknown operation or registered twice: " + operation);
        }
        return this;
    }

    public boolean hasMemoryAnswer(String operation) {
        return memoryAnswers.containsKey(operation);
    }

    /** The operation's answer from memory, when it has one for this request. */
    public Optional<JsonNode> answerFromMemory(OperationRequest request) {
        MemoryAnswer answer = memoryAnswers.get(request.operation());
        return answer == null ? Optional.empty() : answer.answer(request);
    }

    public boolean has(String operation) {
        return handlers.containsKey(operation);
    }

    /** Runs the request's operation (Camel bean method called by routes/operations.camel.yaml). */
    public JsonNode run(OperationRequest request) throws Exception {
        OperationHandler handler = handlers.get(request.operation());
        if (handler == null) {
            throw HarperException.badRequest("Operation '" + request.operation() + "' not found");
        }
        return handler.handle(request);
    }

    public Map<String, OperationHandler> all() {
        return new TreeMap<>(handlers);
    }
}
