package dev.caravan.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An operation's answer from memory alone, for {@link EventLoopAnswers}: it must never block and
 * never change anything. Empty whenever it cannot answer exactly as the operation would (an error, a
 * record it would have to read from the store); the request then runs through the API route as usual.
 */
@FunctionalInterface
public interface MemoryAnswer {
    Optional<JsonNode> answer(OperationRequest request);
}
