package dev.caravan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.formats.RecordFormat;
import dev.caravan.operations.OperationRequest;
import dev.caravan.search.RecordQuery;

/**
 * The checks both exports share, made before the job starts (compatibility C8) with Harper's job-time
 * texts (contract §8): rights first, then format (and Caravan's gzip), then the search operation.
 */
public class ExportRequestChecks {
    private final ExportSearch search;

    public ExportRequestChecks(ExportSearch search) {
        this.search = search;
    }

    /** Harper checks the export's rights before anything else: only sql exports are open to non-super users. */
    public static void authorize(OperationRequest request) {
        JsonNode searchOperation = request.field("search_operation");
        String operation = searchOperation == null ? "" : searchOperation.path("operation").asText();
        if (!"sql".equals(operation)) {
            request.access().requireSuperUser(request.operation());
        }
    }

    /** The format, then Caravan's gzip flag (absent or null: not compressed). */
    public static ExportOutput output(OperationRequest request) {
        RecordFormat format = format(request);
        return new ExportOutput(format, ExportOutput.gzip(request.field(ExportOutput.GZIP_FIELD)));
    }

    private static RecordFormat format(OperationRequest request) {
        JsonNode format = request.field("format");
        if (format == null || format.asText().isEmpty()) {
            throw HarperException.badRequest("format missing");
        }
        RecordFormat named = format.isTextual() ? RecordFormat.named(format.textValue()) : null;
        if (named == null) {
            throw HarperException.badRequest(RecordFormat.invalidMessage());
        }
        return named;
    }

    /** The search, checked as the search operation checks it; the stored request keeps it as given. */
    public ObjectNode searchOperation(OperationRequest request) {
        JsonNode searchOperation = request.field("search_operation");
        String problem = ExportSearch.problem(searchOperation);
        if (problem != null) {
            throw HarperException.badRequest(problem);
        }
        query(request.operation(), (ObjectNode) searchOperation, request);
        return (ObjectNode) searchOperation;
    }

    public RecordQuery query(String exportOperation, ObjectNode searchOperation, OperationRequest caller) {
        return search.query(exportOperation, searchOperation, caller);
    }
}
