package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.formats.ParsedBatch;
import dev.caravan.formats.RowProblem;
import java.util.List;

/**
 * A batch as the source parsed it (records, row numbers, problems, places) and where the source stood
 * after its last row (for exact progress and resume): rows and bytes read, and the hash of those bytes
 * (null for a source without a counted stream).
 */
public record RowBatch(ParsedBatch parsed, long rowsReadAtEnd, long bytesReadAtEnd, String sourceHashAtEnd) {

    public List<ObjectNode> rows() {
        return parsed.rows();
    }

    public long[] rowNumbers() {
        return parsed.rowNumbers();
    }

    public List<RowProblem> problems() {
        return parsed.problems();
    }
}
