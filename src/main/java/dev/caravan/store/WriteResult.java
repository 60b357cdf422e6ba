package dev.caravan.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one write did: the keys written (created or merged) and the keys skipped, in input order, and
 * each input record's outcome in input order (empty for deletes).
 */
public record WriteResult(List<JsonNode> writtenKeys, List<JsonNode> skippedKeys, List<String> newAttributes,
                          List<RecordOutcome> outcomes) {
    public WriteResult(List<JsonNode> writtenKeys, List<JsonNode> skippedKeys, List<String> newAttributes) {
        this(writtenKeys, skippedKeys, newAttributes, List.of());
    }

    public int written() {
        return writtenKeys.size();
    }
}
