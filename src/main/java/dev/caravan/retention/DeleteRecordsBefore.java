package dev.caravan.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.HarperNames;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.operations.OperationRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * delete_records_before and its older name delete_files_before (contract §10): super users only, the
 * table and date checked with Joi's messages (joined by ". ", in Joi's key order: table, date). A
 * missing database or table is not a 400: the job starts and ends ERROR, as in Harper.
 */
public class DeleteRecordsBefore implements JobDefinition {
    public static final String TYPE = "delete_records_before";
    public static final String ALIAS = "delete_files_before";
    /** Stored with the request: the cutoff is fixed at submission, whatever the server's zone later. */
    static final String CUTOFF = "cutoff";

    private final String type;

    public DeleteRecordsBefore(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        request.access().requireSuperUser("deleteFilesBefore");
        ZoneId zone = ZoneId.systemDefault();
        List<String> errors = new ArrayList<>();
        String tableProblem = tableProblem(request.body().get("table"));
        if (tableProblem != null) {
            errors.add(tableProblem);
        }
        JsonNode date = request.body().get("date");
        String dateProblem = CutoffDate.problem(date, zone);
        if (dateProblem != null) {
            errors.add(dateProblem);
        }
        if (!errors.isEmpty()) {
            throw HarperException.badRequest(String.join(". ", errors));
        }
        ObjectNode stored = HarperJson.object();
        stored.put("operation", request.operation());
        stored.put("database", request.database());
        stored.put("table", request.text("table"));
        stored.set("date", date);
        stored.put(CUTOFF, CutoffDate.epochMillis(date, zone));
        return stored;
    }

    /** Joi's alternatives(string with Harper's name rules, number), required. */
    static String tableProblem(JsonNode table) {
        if (table == null) {
            return "'table' is required";
        }
        if (table.isNumber()) {
            return null;
        }
        if (!table.isTextual()) {
            return "'table' must be one of [string, number]";
        }
        String name = table.textValue();
        if (name.isEmpty()) {
            return "'table' is not allowed to be empty";
        }
        if (name.length() > HarperNames.MAX_LENGTH) {
            return "'table' length must be less than or equal to 250 characters long";
        }
        if (!HarperNames.isAllowed(name)) {
            return "'table' names cannot include backticks or forward slashes";
        }
        return null;
    }

    @Override
    public boolean resumable(ObjectNode storedRequest) {
        return true; // deleting what is still older than the cutoff again is exactly the rest of the job
    }
}
