package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.operations.OperationRequest;

/**
 * A job that a route starts through kamelet:job-start (routes/examples/inbox-load.camel.yaml) rather
 * than a request: its type is the id of the job route it runs in. Its source was a file the consumer
 * took, so a crash cannot resume it: recovery ends it ERROR, and the consumer, which never finished
 * the file, offers it again as a new job.
 */
public record RouteStartedJob(String type) implements JobDefinition {
    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        throw new UnsupportedOperationException(type + " is started by its route, not by a request");
    }

    /** Its route offers the file again as a new job (the consumer never finished it): nothing to retry here. */
    @Override
    public ObjectNode retryRequest(ObjectNode storedRequest, OperationRequest retry) {
        throw dev.caravan.core.HarperException.badRequest("A " + type + " job is started by its route, which starts"
                + " a new job when it offers the file again; retry_job cannot run it");
    }

    /** The file its route's consumer took, from a folder on this node's disk or on shared storage. */
    @Override
    public JobPlacement placement(ObjectNode storedRequest) {
        return JobPlacement.SERVER_FILES;
    }
}
