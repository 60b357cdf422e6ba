package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperNames;
import java.util.Optional;

/**
 * The database and table a job reads or writes, as its stored request names them: a load's or a delete's
 * own fields, an export's search_operation (a search by value, hash or conditions; an export by SQL
 * names none here). Kept in the job row's own columns so list_jobs filters by them.
 */
public record JobTarget(String database, String table) {
    public static final JobTarget NONE = new JobTarget(null, null);
    /** The job table's DATABASE_NAME and TABLE_NAME columns (JobStore): a longer name is not recorded. */
    public static final int MAX_NAME_CHARS = 1024;

    public static JobTarget of(ObjectNode storedRequest) {
        if (storedRequest == null) {
            return NONE;
        }
        JobTarget own = named(storedRequest);
        JsonNode search = storedRequest.get("search_operation");
        return own.table() == null && search instanceof ObjectNode searchRequest ? named(searchRequest) : own;
    }

    /** A request's table and its database (Harper's: database, else schema, else data; contract §1.2). */
    private static JobTarget named(ObjectNode request) {
        String table = text(request.get("table"));
        if (table == null) {
            return NONE;
        }
        String database = text(request.get("database"));
        if (database == null) {
            database = text(request.get("schema"));
        }
        database = database == null ? "data" : database;
        // a job naming a table no one could have made cannot find it (it fails with its own error), but
        // its row must still be written: without a target, rather than with text the columns cannot hold
        return problem("Database", database).or(() -> problem("Table", table)).isEmpty()
                ? new JobTarget(database, table) : NONE;
    }

    /**
     * What keeps the job row's columns from holding the name, if anything: the rule for every stored name
     * (HarperNames.textProblem: no control character such as U+0000, no unpaired surrogate, which
     * PostgreSQL's text cannot hold either, compatibility C20), and at most MAX_NAME_CHARS.
     */
    public static Optional<String> problem(String label, String name) {
        return HarperNames.textProblem(label, name, MAX_NAME_CHARS);
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }
}
