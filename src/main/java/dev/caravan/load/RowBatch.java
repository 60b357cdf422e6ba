package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.formats.RowProblem;
import java.util.List;

/**
 * A batch of parsed rows, the source row number of each, the problems of the batch's rows, and where
 * the source stood after its last row (for exact progress and resume): rows and bytes read, and the
 * hash of those bytes (null for a source without a counted stream).
 */
public record RowBatch(List<ObjectNode> rows, long[] rowNumbers, List<RowProblem> problems, long rowsReadAtEnd,
                       long bytesReadAtEnd, String sourceHashAtEnd) {

    /** Rows numbered one after the other, ending at rowsReadAtEnd, without problems. */
    public RowBatch(List<ObjectNode> rows, long rowsReadAtEnd, long bytesReadAtEnd, String sourceHashAtEnd) {
        this(rows, dev.caravan.formats.ParsedBatch.contiguous(rows, rowsReadAtEnd - rows.size() + 1).rowNumbers(),
                List.of(), rowsReadAtEnd, bytesReadAtEnd, sourceHashAtEnd);
    }
}
