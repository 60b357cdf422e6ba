package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRequest;

/** A bulk operation that runs as a job: its synchronous checks and what of the request is kept. */
public interface JobDefinition {
    /** The operation name, which is also the job type and the id of the route that runs it. */
    String type();

    /**
     * Validates the request (throwing Harper's 400/403 errors), prepares anything the job needs before
     * the answer goes out (e.g. spools an upload), and returns the request to store, without secrets.
     */
    ObjectNode prepare(OperationRequest request, String jobId) throws Exception;

    /**
     * The request as a repeat with the same idempotency_key is compared with it (RequestFingerprint):
     * without the secrets, which a retry may have rotated. The request itself unless it carries secrets.
     */
    default ObjectNode withoutSecrets(ObjectNode request) {
        return request;
    }

    /**
     * Undoes what prepare did for a job that is not created after all: another submit of the same
     * idempotency_key created its job first (e.g. removes a spooled upload).
     */
    default void discard(ObjectNode storedRequest, String jobId) {
    }

    /**
     * Which nodes reach what the job reads or writes: a job on server files or on the accepting node's own
     * files may be pinned to that node (JobPinning).
     */
    default JobPlacement placement(ObjectNode storedRequest) {
        return JobPlacement.ANY_NODE;
    }

    /** Whether a job interrupted by a crash can be run again from its last committed batch. */
    default boolean resumable(ObjectNode storedRequest) {
        return false;
    }

    /**
     * Whether the job holds secrets in this node's memory only (JobSecrets: S3 keys or passthrough headers
     * sent with the request): no other node could run it, so it stays pinned to the node that accepted it,
     * and it cannot resume once that process is gone. A job that names a stored S3 connection
     * (s3/S3Connections) holds none: its stored request names the connection, whose keys every node reads
     * from its own settings.
     */
    default boolean holdsNodeSecrets(ObjectNode storedRequest) {
        return false;
    }

    /**
     * Removes what a job interrupted by a crash left half-written (called at start-up, before the job
     * resumes or ends ERROR): the process that would have cleaned it up is gone.
     */
    default void removeLeftovers(ObjectNode storedRequest, String jobId) {
    }

    /**
     * Whether the job's progress counts records committed to the database, which a failure message
     * reports; an export's counts are records written to a file.
     */
    default boolean commitsRecords() {
        return true;
    }

    /**
     * retry_job (JobRetry): the request that runs a finished job of this kind again, from its stored request
     * and what the retry request gives again: the secrets the job kept in this node's memory only (S3 keys,
     * a URL's secret parts). A 400 naming what is missing; the default takes the stored request as it is.
     */
    default ObjectNode retryRequest(ObjectNode storedRequest, OperationRequest retry) {
        return storedRequest.deepCopy();
    }

    /**
     * Prepares the new job of a retry from the request retryRequest made (checked again, as a submit is,
     * with the retrying user's rights): by default exactly as a submit of it.
     */
    default ObjectNode prepareRetry(OperationRequest request, String retriedJobId, String jobId) throws Exception {
        return prepare(request, jobId);
    }

    /** A 400 for retry_job: what the retry request must give again, and why. */
    static HarperException retryNeeds(String retriedJobId, String what) {
        return HarperException.badRequest("retry_job of job " + retriedJobId + " needs " + what);
    }
}
