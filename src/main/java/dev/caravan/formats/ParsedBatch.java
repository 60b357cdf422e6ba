package dev.caravan.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One batch as a record source read it: the records, the source row number of each (rows that failed
 * are not among the records, so the numbers may skip), and the problems of the batch's rows, in row
 * order: those of failed rows, and notes on rows that are among the records (e.g. dropped cells).
 */
public record ParsedBatch(List<ObjectNode> rows, long[] rowNumbers, List<RowProblem> problems) {

    /** Records numbered one after the other from firstRow, without problems. */
    public static ParsedBatch contiguous(List<ObjectNode> rows, long firstRow) {
        long[] numbers = new long[rows.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = firstRow + i;
        }
        return new ParsedBatch(rows, numbers, List.of());
    }

    /** Nothing was read: the source is exhausted. */
    public boolean isEmpty() {
        return rows.isEmpty() && problems.isEmpty();
    }
}
