package dev.caravan.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One batch as a record source read it: the records, the source row number of each (rows that failed
 * are not among the records, so the numbers may skip), and the problems of the batch's rows, in row
 * order: those of failed rows, and notes on rows that are among the records (e.g. dropped cells).
 * lines and byteOffsets say where each record starts in the source, where the source knows (null
 * when it does not; -1 for one record it cannot place).
 */
public record ParsedBatch(List<ObjectNode> rows, long[] rowNumbers, List<RowProblem> problems, long[] lines,
                          long[] byteOffsets) {

    public ParsedBatch(List<ObjectNode> rows, long[] rowNumbers, List<RowProblem> problems) {
        this(rows, rowNumbers, problems, null, null);
    }

    /** The records at the first count of these indices (ascending), with their places, and these problems. */
    public ParsedBatch select(int[] indices, int count, List<RowProblem> withProblems) {
        List<ObjectNode> r = new ArrayList<>(count);
        long[] n = new long[count];
        long[] l = lines == null ? null : new long[count];
        long[] o = byteOffsets == null ? null : new long[count];
        for (int k = 0; k < count; k++) {
            int i = indices[k];
            r.add(rows.get(i));
            n[k] = rowNumbers[i];
            if (l != null) {
                l[k] = lines[i];
            }
            if (o != null) {
                o[k] = byteOffsets[i];
            }
        }
        return new ParsedBatch(r, n, withProblems, l, o);
    }

    /** Where the record at index i starts: its line, or null when unknown. */
    public Long line(int i) {
        return lines == null || lines[i] < 0 ? null : lines[i];
    }

    /** Where the record at index i starts: its byte offset, or null when unknown. */
    public Long byteOffset(int i) {
        return byteOffsets == null || byteOffsets[i] < 0 ? null : byteOffsets[i];
    }

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
        private long[] lines;
        private long[] offsets;
        private final List<RowProblem> problems = new ArrayList<>();

        Builder(int max) {
            int capacity = Math.min(max, 8192);
            rows = new ArrayList<>(capacity);
            numbers = new long[capacity];
            lines = new long[capacity];
            offsets = new long[capacity];
        }

        /** A record, its row number and where it starts (line, byte offset; -1 when unknown). */
        void add(ObjectNode record, long rowNumber, long line, long byteOffset) {
            int i = rows.size();
            if (i == numbers.length) {
                numbers = Arrays.copyOf(numbers, i * 2);
                lines = Arrays.copyOf(lines, i * 2);
                offsets = Arrays.copyOf(offsets, i * 2);
            }
            numbers[i] = rowNumber;
            lines[i] = line;
            offsets[i] = byteOffset;
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
            int n = rows.size();
            return new ParsedBatch(rows, Arrays.copyOf(numbers, n), problems, Arrays.copyOf(lines, n),
                    Arrays.copyOf(offsets, n));
        }
    }

    /** Nothing was read: the source is exhausted. */
    public boolean isEmpty() {
        return rows.isEmpty() && problems.isEmpty();
    }
}
