package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What one write did: the keys written (created or merged) and the keys skipped, in input order. */
public record WriteResult(List<JsonNode> writtenKeys, List<JsonNode> skippedKeys, List<String> newAttributes) {
    public int written() {
        return writtenKeys.size();
    }
}
