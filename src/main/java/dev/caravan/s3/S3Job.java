package dev.caravan.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.jobs.JobDefinition;

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

    @Override
    default ObjectNode withoutSecrets(ObjectNode request) {
        return S3RequestFields.withRedactedS3(request);
    }
}
