package dev.caravan.operations;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one Operations API operation; returns the 200 body, or throws an HarperException. */
@FunctionalInterface
public interface OperationHandler {
    JsonNode handle(OperationRequest request) throws Exception;
}
