package dev.caravan.formats;

import dev.caravan.jobs.JobFailedException;
import java.util.Arrays;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;

/** The problems and job messages of CSV rows, in the file's own terms: row, line, what is wrong. */
final class CsvProblems {
    /** How much of the dropped cells an EXTRA_FIELDS note quotes. */
    private static final int MAX_VALUE_CHARS = 1024;

    private CsvProblems() {
    }

    /** "CSV row N (line L): ", the start of every row's message. */
    static String place(long row, long line) {
        return "CSV row " + row + " (line " + line + "): ";
    }

    /** A CSV source that failed below the parser (Harper's dialect has no malformed records). */
    static JobFailedException unreadable(RuntimeException e, long rowsRead) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new JobFailedException("CSV could not be read after row " + rowsRead + ": " + root.getMessage(), e);
    }

    /** A quote still open at the end of the file, rather than text after a closing one. */
    static boolean isOpenQuote(CSVException bad) {
        return bad.getMessage() != null && bad.getMessage().contains("EOF");
    }

    /** What commons-csv found wrong with a record, in plain words; line is its first, errorLine where it broke. */
    static String malformed(CSVException bad, long line, long errorLine) {
        String message = bad.getMessage() == null ? "" : bad.getMessage();
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted value opened on line " + line + " is never closed (the file ends inside quotes)";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "text follows a closing quote on line " + errorLine
                    + " (a quoted value must end at a delimiter or the end of the line)";
        }
        if (message.contains("EOF whilst processing escape sequence")) {
            return "the file ends right after an escape character";
        }
        return "the record cannot be parsed (" + message + ")";
    }

    /** A row with cells beyond the header: the row is written without them (compatibility C6), this notes them. */
    static RowProblem extraFields(long row, long line, long byteOffset, String raw, String[] cells, int headerSize,
                                  CSVFormat format) {
        String dropped = format.format((Object[]) Arrays.copyOfRange(cells, headerSize, cells.length));
        if (dropped.length() > MAX_VALUE_CHARS) {
            dropped = dropped.substring(0, MAX_VALUE_CHARS) + "…";
        }
        int count = cells.length - headerSize;
        return new RowProblem(row, line, byteOffset, "cell " + (headerSize + 1), dropped, raw, RowReason.EXTRA_FIELDS,
                place(row, line) + cells.length + " cells where the header names " + headerSize + ": the last "
                + (count == 1 ? "cell was" : count + " cells were") + " dropped");
    }

    /** A record's text without the line break that ends it. */
    static String withoutLineEnd(String raw) {
        int end = raw.length();
        while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
            end--;
        }
        return raw.substring(0, end);
    }
}
