package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;

/**
 * What a load does with a failed row (docs/row-outcomes.md). Without any of its fields a load is
 * Harper's: the first bad row fails the job with Harper's message. on_error abort records the row and
 * ends the job at it, the rows before it committed; continue records it and goes on, until more than
 * max_bad_records rows, or more than max_bad_ratio of the rows read, have failed.
 */
public record ErrorPolicy(Mode mode, Long maxBadRecords, Double maxBadRatio) {
    public static final ErrorPolicy HARPER = new ErrorPolicy(Mode.HARPER, null, null);

    public enum Mode {
        /** No policy asked for: a bad row fails the job as in Harper. */
        HARPER,
        ABORT,
        CONTINUE
    }

    /** Whether failed rows are recorded as row outcomes rather than failing the job with Harper's message. */
    public boolean reportsRows() {
        return mode != Mode.HARPER;
    }

    /** The policy a request asks for; 400 for a field that makes no sense. A bound alone means continue. */
    public static ErrorPolicy of(ObjectNode request) {
        JsonNode onError = present(request, "on_error");
        Long maxRecords = maxBadRecords(present(request, "max_bad_records"));
        Double maxRatio = maxBadRatio(present(request, "max_bad_ratio"));
        Mode mode;
        if (onError == null) {
            mode = maxRecords == null && maxRatio == null ? Mode.HARPER : Mode.CONTINUE;
        } else if (onError.isTextual() && onError.textValue().equals("abort")) {
            mode = Mode.ABORT;
        } else if (onError.isTextual() && onError.textValue().equals("continue")) {
            mode = Mode.CONTINUE;
        } else {
            throw HarperException.badRequest("'on_error' must be 'abort' or 'continue'");
        }
        if (mode == Mode.ABORT && (maxRecords != null || maxRatio != null)) {
            throw HarperException.badRequest(
                    "'max_bad_records' and 'max_bad_ratio' apply only with 'on_error': 'continue' (abort stops at the first failed row)");
        }
        return new ErrorPolicy(mode, maxRecords, maxRatio);
    }

    /** The policy's fields, as the job keeps them in its stored request. */
    public void store(ObjectNode stored) {
        if (mode == Mode.HARPER) {
            return;
        }
        stored.put("on_error", mode == Mode.ABORT ? "abort" : "continue");
        if (maxBadRecords != null) {
            stored.put("max_bad_records", maxBadRecords);
        }
        if (maxBadRatio != null) {
            stored.put("max_bad_ratio", maxBadRatio);
        }
    }

    /**
     * Why the job must stop, failed rows of rowsRead having failed, or null to go on. max_bad_records is
     * judged at every batch; max_bad_ratio once every row is read (atEnd), since until then the share of
     * bad rows is a guess about rows not yet read.
     */
    public String exceeded(long failed, long rowsRead, boolean atEnd) {
        if (maxBadRecords != null && failed > maxBadRecords) {
            return failed + " rows failed, more than max_bad_records (" + maxBadRecords + ")";
        }
        if (maxBadRatio != null && atEnd && rowsRead > 0 && (double) failed / rowsRead > maxBadRatio) {
            return failed + " of " + rowsRead + " rows failed, more than max_bad_ratio (" + maxBadRatio + ")";
        }
        return null;
    }

    private static JsonNode present(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static Long maxBadRecords(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || value.asLong() < 0 || !value.isNumber()) {
            throw HarperException.badRequest("'max_bad_records' must be a whole number of rows, 0 or more");
        }
        return value.asLong();
    }

    private static Double maxBadRatio(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 1) {
            throw HarperException.badRequest("'max_bad_ratio' must be a number from 0 to 1");
        }
        return value.doubleValue();
    }
}
