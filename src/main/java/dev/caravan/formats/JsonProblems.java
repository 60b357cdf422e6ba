package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** The job messages of a JSON source that cannot be read: where it went wrong, in the file's own terms. */
final class JsonProblems {
    private JsonProblems() {
    }

    static LoadFailure invalid(JsonProcessingException e, long recordsRead) {
        return new LoadFailure("Invalid JSON " + at(e.getLocation()) + " after " + recordsRead + " records: "
                + e.getOriginalMessage(), e);
    }

    static LoadFailure unreadable(IOException e, long recordsRead) {
        return new LoadFailure("JSON could not be read after " + recordsRead + " records: " + e.getMessage(), e);
    }

    static LoadFailure notAnObject(long recordNumber, JsonLocation location) {
        return new LoadFailure("Record " + recordNumber + " " + at(location) + " is not a JSON object");
    }

    static String at(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
