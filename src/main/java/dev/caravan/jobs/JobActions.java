package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.operations.OperationRequest;

/**
 * Which job an operation that changes a finished job (retry_job, delete_job) acts on: the one its 'id'
 * names, if the caller may act on it, the owner or a super user (compatibility C4). A job the caller
 * cannot see is a 404, as for cancel_job; one that caravan.jobs.visible-to-all only lets them see is a 403.
 */
public class JobActions {
    private final JobStore jobs;
    private final boolean jobsVisibleToAll;

    public JobActions(JobStore jobs, boolean jobsVisibleToAll) {
        this.jobs = jobs;
        this.jobsVisibleToAll = jobsVisibleToAll;
    }

    /** The job, or Harper's 400/403/404; operation names the operation in the 403. */
    public Job jobToActOn(OperationRequest request, String operation) {
        JsonNode id = request.field("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            throw HarperException.badRequest("'id' must be a job id (a non-empty string)");
        }
        Job job = jobs.find(id.textValue()).orElseThrow(() -> notFound(id.textValue()));
        boolean mayAct = request.access().isSuperUser() || job.user().equals(request.user().username());
        if (mayAct) {
            return job;
        }
        if (!jobsVisibleToAll) {
            throw notFound(job.id());
        }
        throw new HarperException(403, "Only the user who started job " + job.id() + " or a super user may "
                + operation + " it");
    }

    private static HarperException notFound(String id) {
        return HarperException.notFound("Job '" + id + "' not found");
    }
}
