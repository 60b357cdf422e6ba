package dev.caravan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.operations.OperationRequest;
import dev.caravan.s3.S3Credentials;
import dev.caravan.s3.S3RequestFields;
import java.util.List;

/**
 * export_to_s3 (contract §9): a search uploaded as one S3 object. Harper's job-time checks, in its order
 * (the s3 fields, then format and search operation), answer before the job exists (compatibility C8). The
 * keys stay in memory for the run (compatibility C3), so the job cannot resume after a crash.
 */
public class ExportToS3 implements JobDefinition {
    private static final List<String> REQUIRED = List.of(S3Credentials.ACCESS_KEY_ID,
            S3Credentials.SECRET_ACCESS_KEY, "bucket", "key", "region");

    private final ExportRequestChecks checks;
    private final JobSecrets secrets;

    public ExportToS3(ExportRequestChecks checks, JobSecrets secrets) {
        this.checks = checks;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return "export_to_s3";
    }

    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        ExportRequestChecks.authorize(request);
        JsonNode s3 = request.field("s3");
        if (s3 == null || !s3.isObject() || s3.isEmpty()) {
            throw HarperException.badRequest("S3 object is missing.");
        }
        for (String field : REQUIRED) {
            JsonNode value = s3.get(field);
            if (value == null || value.isNull() || value.asText().isEmpty()) {
                throw HarperException.badRequest(field + " is missing.");
            }
            if (!value.isTextual()) {
                throw HarperException.badRequest(field + " must be a string.");
            }
        }
        JsonNode endpoint = s3.get("endpoint");
        if (endpoint != null && !endpoint.isNull()
                && !(endpoint.isTextual() && S3RequestFields.isHttpUrl(endpoint.textValue()))) {
            throw HarperException.badRequest("S3 endpoint must be an http or https URL");
        }
        ExportOutput output = ExportRequestChecks.output(request);
        ObjectNode searchOperation = checks.searchOperation(request);
        secrets.keep(jobId, S3RequestFields.credentials(s3).asSecrets());
        ObjectNode stored = HarperJson.object();
        stored.put("operation", type());
        output.storeIn(stored);
        stored.set("s3", S3RequestFields.redacted(s3));
        stored.set("search_operation", searchOperation);
        return stored;
    }

    @Override
    public boolean commitsRecords() {
        return false;
    }

    @Override
    public ObjectNode withoutSecrets(ObjectNode request) {
        return S3RequestFields.withRedactedS3(request);
    }
}
