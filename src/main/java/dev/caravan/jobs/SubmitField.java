package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.operations.OperationRequest;

/**
 * A request field that every job-submitting operation takes (callback_url, ...), checked before the job's
 * own checks so that a bad value changes nothing, and kept once the job has its id.
 */
public interface SubmitField {
    /** The field's name in a request: a retry_job request's value replaces the stored one (JobRetry). */
    String name();

    /** Checks the field (a Harper 400 when it is bad) and returns what to keep of it. */
    Accepted check(OperationRequest request);

    /** A checked field, to keep with the new job or to drop when no job is created after all. */
    interface Accepted {
        Accepted NONE = new Accepted() {
            @Override
            public void keep(String jobId, ObjectNode storedRequest) {
            }

            @Override
            public void discard(String jobId) {
            }
        };

        /** Keeps the field for the job, in its stored request (without secrets) or beside it. */
        void keep(String jobId, ObjectNode storedRequest);

        /** Undoes keep: the job was not created. */
        void discard(String jobId);
    }
}
