package dev.caravan.formats;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.caravan.jobs.JobFailedException;
import java.io.IOException;

/** The job messages of a JSON source that cannot be read: where it went wrong, in the file's own terms. */
final class JsonProblems {
    private JsonProblems() {
    }

    static JobFailedException invalid(JsonProcessingException e, long recordsRead) {
        return new JobFailedException("Invalid JSON " + at(e.getLocation()) + " after " + recordsRead + " records: "
                + e.getOriginalMessage(), e);
    }

    static JobFailedException unreadable(IOException e, long recordsRead) {
        return new JobFailedException("JSON could not be read after " + recordsRead + " records: " + e.getMessage(), e);
    }

    static JobFailedException notAnObject(long recordNumber, JsonLocation location) {
        return new JobFailedException("Record " + recordNumber + " " + at(location) + " is not a JSON object");
    }

    static String at(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
