package dev.caravan.formats;

/**
 * One row a load could not take as it was, where it is in the source and why. row is the row's number
 * among the source's rows (1-based, the M of "N of M records"); line and byteOffset are where it
 * starts (null when the source cannot tell); column names the attribute at fault (null for the whole
 * row); value is the value at fault; raw is the row's whole source text (a CSV record as read, a JSON
 * line or element), kept so a rejects file can carry the row as it was.
 */
public record RowProblem(long row, Long line, Long byteOffset, String column, String value, String raw,
                         RowReason reason, String message) {

    /** The same problem found at another place, once the source knows where the row is. */
    public RowProblem at(long rowNumber, Long lineNumber, Long offset, String rawText) {
        return new RowProblem(rowNumber, lineNumber, offset, column, value, rawText, reason, message);
    }
}
