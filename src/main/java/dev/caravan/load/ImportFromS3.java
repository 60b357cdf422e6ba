package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.formats.SourceFormat;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.operations.OperationRequest;
import dev.caravan.s3.S3Connections;
import dev.caravan.s3.S3Credentials;
import dev.caravan.s3.S3Job;
import dev.caravan.s3.S3RequestFields;
import dev.caravan.store.TableMeta;
import java.util.List;

/**
 * import_from_s3 (contract §7): validated with validate.js messages joined by ",". The access keys are
 * secrets (compatibility C3): kept in memory for the run only and stored as "[redacted]", so an S3
 * import cannot resume after a crash. Caravan also takes JSON lines and gzip, and an optional
 * {@code s3.endpoint} for S3-compatible stores, and {@code s3.connection} naming a stored connection
 * instead of the keys (S3Connections): such a job holds no secret, so it resumes after a crash.
 */
public class ImportFromS3 implements S3Job {
    static final String BAD_EXTENSION = "S3 key must include one of the following valid file extensions - '.csv', '.json'";
    private static final List<String> REQUIRED =
            List.of(S3Credentials.ACCESS_KEY_ID, S3Credentials.SECRET_ACCESS_KEY, "bucket", "key", "region");
    /** With a connection, which holds the keys and the region (a request's region overrides it). */
    private static final List<String> REQUIRED_WITH_CONNECTION = List.of("bucket", "key");

    private final LoadRequestChecks checks;
    private final JobSecrets secrets;
    private final S3Connections connections;

    public ImportFromS3(LoadRequestChecks checks, JobSecrets secrets, S3Connections connections) {
        this.checks = checks;
        this.secrets = secrets;
        this.connections = connections;
    }

    @Override
    public String type() {
        return "import_from_s3";
    }

    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        List<String> errors = LoadRequestChecks.fieldErrors(request);
        JsonNode s3 = request.field("s3");
        if (s3 == null) {
            errors.add("S3 can't be blank");
        }
        boolean connection = S3RequestFields.namesConnection(s3);
        for (String field : connection ? REQUIRED_WITH_CONNECTION : REQUIRED) {
            s3FieldErrors(s3, field, errors);
        }
        if (connection && s3.hasNonNull("region") && !s3.get("region").isTextual()) {
            errors.add("S3 region  must be a 'String' value");
        }
        if (!connection) {
            endpointErrors(s3, errors);
        }
        LoadRequestChecks.failIfAny(errors);
        if (connection) {
            connections.requestedBy(s3);
        }
        TableMeta table = checks.table(request);
        LoadRequestChecks.authorize(request, table);
        ObjectNode stored = stored(request, table, s3); // its checks before the secrets are kept
        if (!connection) {
            secrets.keep(jobId, S3RequestFields.credentials(s3).asSecrets());
        }
        return stored;
    }

    /** validate.js: presence (blank strings are absent), then type, then the key's extension. */
    private static void s3FieldErrors(JsonNode s3, String field, List<String> errors) {
        String label = "S3 " + field.replace('_', ' ');
        JsonNode value = s3 == null ? null : s3.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
            errors.add(label + " can't be blank");
        } else if (!value.isTextual()) {
            errors.add(label + "  must be a 'String' value"); // two spaces, as Harper writes it
        } else if ("key".equals(field) && SourceFormat.ofName(value.textValue()).isEmpty()) {
            errors.add(BAD_EXTENSION);
        }
    }

    private static void endpointErrors(JsonNode s3, List<String> errors) {
        JsonNode endpoint = s3 == null ? null : s3.get("endpoint");
        if (endpoint == null || endpoint.isNull()) {
            return;
        }
        if (!endpoint.isTextual()) {
            errors.add("S3 endpoint  must be a 'String' value");
        } else if (!S3RequestFields.isHttpUrl(endpoint.textValue())) {
            errors.add("S3 endpoint must be an http or https URL");
        }
    }

    private ObjectNode stored(OperationRequest request, TableMeta table, JsonNode s3) {
        ObjectNode stored = checks.storedTarget(request, table);
        stored.set("s3", S3RequestFields.redacted(s3));
        return stored;
    }
}
