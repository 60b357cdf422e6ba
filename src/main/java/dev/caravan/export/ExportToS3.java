package dev.caravan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.operations.OperationRequest;
import dev.caravan.s3.S3Connections;
import dev.caravan.s3.S3Credentials;
import dev.caravan.s3.S3Job;
import dev.caravan.s3.S3RequestFields;
import java.util.List;

/**
 * export_to_s3 (contract §9): a search uploaded as one S3 object. Harper's job-time checks, in its order
 * (the s3 fields, then format and search operation), answer before the job exists (compatibility C8). The
 * keys stay in memory for the run (compatibility C3), so the job cannot resume after a crash, unless the
 * request names a stored connection instead of giving keys (S3Connections): such a job holds no secret
 * and runs again from the start after a crash (the object appears only once it is complete).
 */
public class ExportToS3 implements S3Job {
    private static final List<String> REQUIRED = List.of(S3Credentials.ACCESS_KEY_ID,
            S3Credentials.SECRET_ACCESS_KEY, "bucket", "key", "region");
    /** With a connection, which holds the keys and the region (a request's region overrides it). */
    private static final List<String> REQUIRED_WITH_CONNECTION = List.of("bucket", "key");

    private final ExportRequestChecks checks;
    private final JobSecrets secrets;
    private final S3Connections connections;

    public ExportToS3(ExportRequestChecks checks, JobSecrets secrets, S3Connections connections) {
        this.checks = checks;
        this.secrets = secrets;
        this.connections = connections;
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
        boolean connection = S3RequestFields.namesConnection(s3);
        for (String field : connection ? REQUIRED_WITH_CONNECTION : REQUIRED) {
            JsonNode value = s3.get(field);
            if (value == null || value.isNull() || value.asText().isEmpty()) {
                throw HarperException.badRequest(field + " is missing.");
            }
            if (!value.isTextual()) {
                throw HarperException.badRequest(field + " must be a string.");
            }
        }
        if (connection) {
            if (s3.hasNonNull("region") && !s3.get("region").isTextual()) {
                throw HarperException.badRequest("region must be a string.");
            }
            connections.requestedBy(s3);
        } else {
            JsonNode endpoint = s3.get("endpoint");
            if (endpoint != null && !endpoint.isNull()
                    && !(endpoint.isTextual() && S3RequestFields.isHttpUrl(endpoint.textValue()))) {
                throw HarperException.badRequest("S3 endpoint must be an http or https URL");
            }
        }
        ExportOutput output = ExportRequestChecks.output(request);
        ObjectNode searchOperation = checks.searchOperation(request);
        if (!connection) {
            secrets.keep(jobId, S3RequestFields.credentials(s3).asSecrets());
        }
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
}
