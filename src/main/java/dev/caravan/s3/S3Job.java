package dev.caravan.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.SecretUrls;
import dev.caravan.operations.OperationRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A job on one S3 object (import_from_s3, export_to_s3). Keys sent with the request live in this node's
 * memory for one run (compatibility C3), so such a job is pinned to its node and cannot resume once the
 * process is gone; a job that names a stored connection holds no secret (compatibility C21), so it runs
 * again after a crash, on any node that has the connection.
 */
public interface S3Job extends JobDefinition {
    @Override
    default boolean resumable(ObjectNode storedRequest) {
        return S3RequestFields.namesConnection(storedRequest.path("s3"));
    }

    @Override
    default boolean holdsNodeSecrets(ObjectNode storedRequest) {
        return !S3RequestFields.namesConnection(storedRequest.path("s3"));
    }

    /**
     * retry_job: a job that named a stored connection runs again as it was; one whose keys came with the
     * request needs them again in the retry's 's3' (and an endpoint whose secret parts were redacted, again
     * in full). Only those are taken from the retry: the bucket, key and region stay the job's.
     */
    @Override
    default ObjectNode retryRequest(ObjectNode storedRequest, OperationRequest retry) {
        ObjectNode body = storedRequest.deepCopy();
        JsonNode stored = storedRequest.path("s3");
        if (S3RequestFields.namesConnection(stored)) {
            return body;
        }
        JsonNode given = retry.field("s3");
        List<String> missing = new ArrayList<>();
        for (String key : List.of(S3Credentials.ACCESS_KEY_ID, S3Credentials.SECRET_ACCESS_KEY)) {
            if (given == null || !given.path(key).isTextual() || given.path(key).textValue().isBlank()) {
                missing.add("s3." + key);
            }
        }
        String endpoint = stored.path("endpoint").asText("");
        boolean endpointRedacted = endpoint.contains(SecretUrls.REDACTED);
        if (endpointRedacted && (given == null || !given.path("endpoint").isTextual()
                || !SecretUrls.redact(given.path("endpoint").textValue()).equals(endpoint))) {
            missing.add("s3.endpoint (" + endpoint + " with its [redacted] parts filled in)");
        }
        if (!missing.isEmpty()) {
            throw JobDefinition.retryNeeds(retry.text("id"), "the S3 secrets again, which the job row does not keep: "
                    + String.join(", ", missing) + " (or a job that names a stored connection, s3.connection)");
        }
        ObjectNode s3 = ((ObjectNode) stored).deepCopy();
        s3.put(S3Credentials.ACCESS_KEY_ID, given.get(S3Credentials.ACCESS_KEY_ID).textValue());
        s3.put(S3Credentials.SECRET_ACCESS_KEY, given.get(S3Credentials.SECRET_ACCESS_KEY).textValue());
        if (endpointRedacted) {
            s3.put("endpoint", given.get("endpoint").textValue());
        }
        body.set("s3", s3);
        return body;
    }

    @Override
    default ObjectNode withoutSecrets(ObjectNode request) {
        return S3RequestFields.withRedactedS3(request);
    }
}
