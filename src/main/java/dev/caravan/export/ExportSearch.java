package dev.caravan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRequest;
import dev.caravan.search.RecordQuery;
import dev.caravan.search.SearchOperations;
import dev.caravan.search.SqlOperations;
import java.util.List;

/**
 * An export's search_operation (contract §13): one of the four searches, checked as the search itself
 * checks it, run with the exporting user's rights. Non-super users may only export through sql, where
 * the SQL read permissions apply (contract §14).
 */
public class ExportSearch {
    static final List<String> OPERATIONS = List.of("search_by_value", "search_by_hash", "sql", "search_by_conditions");

    private final SearchOperations searches;
    private final SqlOperations sql;

    public ExportSearch(SearchOperations searches, SqlOperations sql) {
        this.searches = searches;
        this.sql = sql;
    }

    /** Harper's messages for a missing or unknown search operation, or null when it names one of the four. */
    static String problem(JsonNode searchOperation) {
        if (searchOperation == null || !searchOperation.isObject()) {
            return "search_operation missing"; // Harper: Cannot read properties of undefined (compatibility C10)
        }
        JsonNode operation = searchOperation.get("operation");
        if (operation == null || operation.isNull() || operation.asText().isEmpty()) {
            return "search_operation.operation missing";
        }
        if (!OPERATIONS.contains(operation.asText())) {
            return "searchOperation.operation must be one of the following values: "
                    + "search_by_value, search_by_hash, sql, search_by_conditions";
        }
        return null;
    }

    /**
     * The checked query. The export runs the search with the caller's rights; a search error answers
     * 400 with the search's own message (403 stays 403), before any job exists (compatibility C8).
     */
    public RecordQuery query(String exportOperation, ObjectNode searchOperation, OperationRequest caller) {
        OperationRequest search = new OperationRequest(searchOperation, caller.user(), caller.access());
        boolean isSql = "sql".equals(search.operation());
        if (!isSql) {
            caller.access().requireSuperUser(exportOperation);
        }
        try {
            RecordQuery query = isSql ? sql.selectQuery(search) : searches.query(search);
            query.check();
            return query;
        } catch (HarperException e) {
            throw e.status() == 403 ? e : new HarperException(400, e.getMessage(), e.body());
        }
    }
}
