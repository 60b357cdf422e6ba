package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A batch of parsed rows and where the source stood after its last row (for exact progress and resume):
 * rows and bytes read, and the hash of those bytes (null for a source without a counted stream).
 */
public record RowBatch(List<ObjectNode> rows, long rowsReadAtEnd, long bytesReadAtEnd, String sourceHashAtEnd) {
}
