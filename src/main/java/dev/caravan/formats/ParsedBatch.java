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

    /** A batch being read: records with their row numbers, and problems, in row order. */
    static final class Builder {
        private final List<ObjectNode> rows;
        private long[] numbers;
        private final List<RowProblem> problems = new java.util.ArrayList<>();

        Builder(int max) {
            rows = new java.util.ArrayList<>(Math.min(max, 8192));
            numbers = new long[Math.min(max, 8192)];
        }

        void add(ObjectNode record, long rowNumber) {
            if (rows.size() == numbers.length) {
                numbers = java.util.Arrays.copyOf(numbers, numbers.length * 2);
            }
            numbers[rows.size()] = rowNumber;
            rows.add(record);
        }

        void problem(RowProblem problem) {
            problems.add(problem);
        }

        /** Rows read into the batch, failed ones included. */
        int size() {
            return rows.size() + problems.size();
        }

        ParsedBatch build() {
            return new ParsedBatch(rows, java.util.Arrays.copyOf(numbers, rows.size()), problems);
        }
    }

    /** Nothing was read: the source is exhausted. */
    public boolean isEmpty() {
        return rows.isEmpty() && problems.isEmpty();
    }
}
