package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        // a job naming a longer table cannot find it (it fails with its own error); its row must still be written
        return recordable(database) && recordable(table) ? new JobTarget(database, table) : NONE;
    }

    /**
     * Whether the job row's columns can keep the name: at most MAX_NAME_CHARS, and neither U+0000 nor an
     * unpaired surrogate, which PostgreSQL's text cannot hold (compatibility C20). A job naming such a table
     * cannot find it and fails with its own error; its row must still be written.
     */
    public static boolean recordable(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }
}
