package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.formats.SourceFormat;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.operations.OperationRequest;
import dev.caravan.s3.S3Credentials;
import dev.caravan.s3.S3RequestFields;
import dev.caravan.store.TableMeta;
import java.util.List;

/**
 * import_from_s3 (contract §7): validated with validate.js messages joined by ",". The access keys are
 * secrets (compatibility C3): kept in memory for the run only and stored as "[redacted]", so an S3
 * import cannot resume after a crash. Caravan also takes JSON lines and gzip, and an optional
 * {@code s3.endpoint} for S3-compatible stores.
 */
public class ImportFromS3 implements JobDefinition {
    static final String BAD_EXTENSION = "S3 key must include one of the following valid file extensions - '.csv', '.json'";
    private static final List<String> REQUIRED =
            List.of(S3Credentials.ACCESS_KEY_ID, S3Credentials.SECRET_ACCESS_KEY, "bucket", "key", "region");

    private final LoadRequestChecks checks;
    private final JobSecrets secrets;

    public ImportFromS3(LoadRequestChecks checks, JobSecrets secrets) {
        this.checks = checks;
        this.secrets = secrets;
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
        for (String field : REQUIRED) {
            s3FieldErrors(s3, field, errors);
        }
        endpointErrors(s3, errors);
        LoadRequestChecks.failIfAny(errors);
        TableMeta table = checks.table(request);
        LoadRequestChecks.authorize(request, table);
        ObjectNode stored = stored(request, table, s3); // its checks before the secrets are kept
        secrets.keep(jobId, S3RequestFields.credentials(s3).asSecrets());
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

    @Override
    public boolean resumable(ObjectNode storedRequest) {
        return false; // the keys died with the process
    }

    @Override
    public ObjectNode withoutSecrets(ObjectNode request) {
        return S3RequestFields.withRedactedS3(request);
    }
}
