package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.TablePermission;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.core.HarperNames;
import dev.caravan.files.AllowedRoots;
import dev.caravan.formats.CsvDialect;
import dev.caravan.formats.RecordFormat;
import dev.caravan.formats.SourceFormat;
import dev.caravan.operations.OperationRequest;
import dev.caravan.ops.Tables;
import dev.caravan.store.TableMeta;
import dev.caravan.store.WriteAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The synchronous checks shared by the load operations (contract §1.3, §3.8): field validation with
 * validate.js messages joined by ",", then the database and table, then table permissions.
 */
public final class LoadRequestChecks {
    static final String BAD_ACTION = "Action is required and must be either insert, update, or upsert";

    private final Tables tables;
    private final AllowedRoots exportRoots;

    /** exportRoots: where a load may write its rejects file. */
    public LoadRequestChecks(Tables tables, AllowedRoots exportRoots) {
        this.tables = tables;
        this.exportRoots = exportRoots;
    }

    /** validate.js messages for table, database and action; a source check adds its own after them. */
    public static List<String> fieldErrors(OperationRequest request) {
        List<String> errors = new ArrayList<>();
        nameErrors("Table", request.body().get("table"), true, errors);
        nameErrors("Database", request.body().get("database"), false, errors);
        JsonNode action = request.body().get("action");
        if (action != null && !action.isNull() && !(action.isTextual()
                && List.of("insert", "update", "upsert").contains(action.textValue()))) {
            errors.add(BAD_ACTION);
        }
        return errors;
    }

    private static void nameErrors(String label, JsonNode value, boolean required, List<String> errors) {
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(label + " can't be blank");
            }
            return;
        }
        if (value.isNumber()) {
            errors.add(label + " names cannot include backticks or forward slashes," + label + " has an incorrect length");
        } else if (value.isTextual() && value.textValue().isEmpty()) {
            errors.add(label + " is too short (minimum is 1 characters)");
        } else {
            HarperNames.schemaNameProblem(label, value).ifPresent(errors::add);
        }
    }

    /**
     * Checks a validate.js load request (contract §1.3) whose source is one required string field: the
     * name and action errors and the field's own "<Label>  is required" are reported together.
     */
    public static String requiredSource(OperationRequest request, String field, String label) {
        List<String> errors = fieldErrors(request);
        JsonNode value = request.field(field);
        if (value == null) {
            errors.add(label + "  is required"); // two spaces, as Harper writes it
        }
        failIfAny(errors);
        if (!value.isTextual()) {
            throw HarperException.badRequest("'" + field + "' must be a string");
        }
        return value.textValue();
    }

    public static void failIfAny(List<String> errors) {
        if (!errors.isEmpty()) {
            throw HarperException.badRequest(String.join(",", errors));
        }
    }

    /** The target table (400 when missing, contract §3.8). */
    public TableMeta table(OperationRequest request) {
        return tables.require(request.database(), request.text("table"), 400);
    }

    public static WriteAction action(OperationRequest request) {
        String action = request.text("action");
        return action == null ? WriteAction.INSERT : WriteAction.valueOf(action.toUpperCase(Locale.ROOT));
    }

    /**
     * Table permissions for a non-super user (contract §14): the action's own, and both insert and update
     * when the action is absent or upsert (observed: an absent action requires update).
     */
    public static void authorize(OperationRequest request, TableMeta table) {
        request.access().requireTable(table.database(), table.name(), rights(request.text("action")));
    }

    /** The rights a load needs, on the table and on each attribute it writes; the job checks the latter (observed §8). */
    static TablePermission[] rights(String action) {
        return action == null || "upsert".equals(action)
                ? new TablePermission[] {TablePermission.INSERT, TablePermission.UPDATE}
                : "update".equals(action) ? new TablePermission[] {TablePermission.UPDATE}
                : new TablePermission[] {TablePermission.INSERT};
    }

    /**
     * The part of a load request every job keeps: where to write and how. An absent action stays absent
     * (the job inserts), since the job's attribute check then needs update as well. skip_loaded,
     * force, the error policy, dry_run, rejects_path and types are checked here (400), before anything
     * of the job is made.

     */
    public ObjectNode storedTarget(OperationRequest request, TableMeta table) {
        ObjectNode stored = HarperJson.object();
        stored.put("operation", request.operation());
        stored.put("database", table.database());
        stored.put("table", table.name());
        if (request.text("action") != null) {
            stored.put("action", action(request).name().toLowerCase(Locale.ROOT));
        }
        ErrorPolicy.of(request.body()).store(stored);
        LoadOptions.of(request.body(), exportRoots).store(stored);
        LoadRepeat.of(request).storeIn(stored);
        LoadTypes.store(LoadTypes.of(request.field(LoadTypes.FIELD), table), stored);
        storeCsvDialect(request, stored);
        return stored;
    }

    /**
     * The CSV dialect fields (Caravan's, compatibility C19): checked now (400), kept for the job (a resumed
     * job reads the same way). A JSON source has no dialect, so a dialect field on its load is a 400 too.
     */
    private static void storeCsvDialect(OperationRequest request, ObjectNode stored) {
        if (!CsvDialect.isGiven(request.body())) {
            return;
        }
        if (!readsCsv(request)) {
            throw HarperException.badRequest("The CSV dialect fields (" + String.join(", ", CsvDialect.FIELDS)
                    + ") apply to CSV sources only");
        }
        CsvDialect.of(request.body());
        CsvDialect.store(request.body(), stored);
    }

    private static boolean readsCsv(OperationRequest request) {
        if (!"import_from_s3".equals(request.operation())) {
            return true; // csv_data_load, csv_file_load, csv_url_load
        }
        JsonNode key = request.body().path("s3").path("key");
        return key.isTextual() && SourceFormat.ofName(key.textValue())
                .map(format -> format.records() == RecordFormat.CSV).orElse(false);
    }
}
