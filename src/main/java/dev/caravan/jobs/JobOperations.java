package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * get_job, search_jobs_by_start_date and cancel_job (contract §11, §12; compatibility C1 and C4), and
 * get_job_errors, Caravan's page through a load's row errors (docs/row-outcomes.md).
 */
public class JobOperations {
    private final JobStore jobs;
    private final JobControl control;
    private final JobMonitor monitor;
    private final RowErrorStore rowErrors;
    private final JobVisibility visibility;
    private final CancelRequests cancels;
    /** What get_job shows beyond the job table (JobDetail). */
    private final List<JobDetail> details = new CopyOnWriteArrayList<>();

    static final int DEFAULT_ERRORS_PAGE = 100;
    static final int MAX_ERRORS_PAGE = 1000;

    public JobOperations(JobStore jobs, JobControl control, JobMonitor monitor, RowErrorStore rowErrors,
                         boolean jobsVisibleToAll, CancelRequests cancels) {
        this.cancels = cancels;
        this.jobs = jobs;
        this.rowErrors = rowErrors;
        this.control = control;
        this.monitor = monitor;
        this.visibility = new JobVisibility(jobsVisibleToAll);
    }

    public void register(OperationRegistry registry) {
        registry.register("get_job", this::getJob)
                .register("search_jobs_by_start_date", this::searchByStartDate)
                .register("cancel_job", this::cancelJob)
                .register("get_job_errors", this::getJobErrors)
                .registerMemoryAnswer("get_job", this::getRunningJob);
    }

    /** Shows the detail in every get_job element from now on. */
    public void alsoShow(JobDetail detail) {
        details.add(detail);
    }

    /** get_job of a running job the user may see, from memory; the same answer getJob gives. */
    private Optional<JsonNode> getRunningJob(OperationRequest request) {
        JsonNode id = request.field("id");
        if (id == null || !id.isTextual() || request.body().has("wait_ms")) {
            return Optional.empty(); // one that asks to wait is JobWaitStep's, in the route
        }
        return jobs.findRunning(id.textValue()).filter(job -> maySee(request, job))
                .map(job -> getJobAnswer(job, true));
    }

    private JsonNode getJob(OperationRequest request) {
        return visibleJob(request).map(job -> getJobAnswer(job, false)).orElseGet(HarperJson::array);
    }

    private JsonNode getJobAnswer(Job job, boolean memoryOnly) {
        ObjectNode element = JobView.forGetJob(job, jobs.rate(job));
        details.forEach(detail -> detail.addTo(element, job, memoryOnly));
        return HarperJson.array().add(element);
    }

    private boolean maySee(OperationRequest request, Job job) {
        return visibility.maySee(request.user().username(), request.access().isSuperUser(), job);
    }

    /** The job named by 'id' if this user may see it (owner or super user, compatibility C4). */
    private Optional<Job> visibleJob(OperationRequest request) {
        if (!request.body().has("id")) {
            throw HarperException.badRequest("'id' is required");
        }
        JsonNode id = request.body().get("id");
        if (id.isNull() || (id.isTextual() && id.textValue().isEmpty())) {
            throw HarperException.serverError("Invalid job ID specified.");
        }
        if (id.isContainerNode()) {
            throw HarperException.serverError("there was an error searching for jobs.  Please check the log for details.");
        }
        if (!id.isTextual()) {
            return Optional.empty();
        }
        return jobs.find(id.textValue()).filter(job -> maySee(request, job));
    }

    private JsonNode searchByStartDate(OperationRequest request) {
        request.access().requireSuperUser("handleGetJobsByStartDate");
        ZoneId zone = ZoneId.systemDefault();
        Long from = date(request.field("from_date"), zone);
        if (from == null) {
            throw HarperException.serverError("There was an error searching jobs by date: Error: Invalid 'from' date,"
                    + " must be in ISO-8601 format (YYYY-MM-DD).");
        }
        Long to = date(request.field("to_date"), zone);
        if (to == null) {
            throw HarperException.serverError("There was an error searching jobs by date: Error: Invalid 'to' date,"
                    + " must be in ISO-8601 format (YYYY-MM-DD)");
        }
        ArrayNode out = HarperJson.array();
        if (from < to) {
            jobs.startedBetween(from, to).forEach(j -> out.add(JobView.forSearch(j, jobs.rate(j))));
        }
        return out;
    }

    /** Epoch numbers are rejected like any non-ISO text (contract §12). */
    private static Long date(JsonNode value, ZoneId zone) {
        return value != null && value.isTextual() ? HarperDates.parse(value.textValue(), zone) : null;
    }

    /** A page of a job's row errors, in row order: id, offset, limit, and optionally one reason. */
    private JsonNode getJobErrors(OperationRequest request) {
        long offset = whole(request, "offset", 0, Long.MAX_VALUE, 0);
        int limit = (int) whole(request, "limit", 1, MAX_ERRORS_PAGE, DEFAULT_ERRORS_PAGE);
        JsonNode reasonField = request.field("reason");
        if (reasonField != null && !(reasonField.isTextual() && reasonField.textValue().matches("[a-z_]{1,32}"))) {
            throw HarperException.badRequest("'reason' must be a reason code, such as key_exists or not_castable");
        }
        String reason = reasonField == null ? null : reasonField.textValue();
        JsonNode id = request.field("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            // Caravan's own operation: a plain 400, not the 500s get_job keeps from Harper
            throw HarperException.badRequest("'id' must be a job id (a non-empty string)");
        }
        Job job = jobs.find(id.textValue()).filter(j -> maySee(request, j)).orElseThrow(
                () -> HarperException.notFound("Job '" + id.textValue() + "' not found"));
        ObjectNode out = HarperJson.object();
        out.put("job_id", job.id());
        out.put("total", rowErrors.count(job.id(), reason));
        out.put("offset", offset);
        out.put("limit", limit);
        out.set("errors", rowErrors.page(job.id(), reason, offset, limit));
        return out;
    }

    /** An optional whole-number field between min and max, or its default. */
    static long whole(OperationRequest request, String field, long min, long max, long byDefault) {
        JsonNode value = request.field(field);
        if (value == null) {
            return byDefault;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max || !value.canConvertToLong()) {
            throw HarperException.badRequest("'" + field + "' must be a whole number from " + min
                    + (max == Long.MAX_VALUE ? " up" : " to " + max));
        }
        return value.asLong();
    }

    private JsonNode cancelJob(OperationRequest request) {
        Job job = visibleJob(request).orElseThrow(
                () -> HarperException.notFound("Job '" + request.text("id") + "' not found"));
        if (job.isFinished()) {
            throw HarperException.badRequest("Job '" + job.id() + "' is not in progress (status " + job.status() + ")");
        }
        control.requestCancel(job.id());
        cancels.record(job.id()); // for the node that runs it, if that is another
        if (job.phase() == JobPhase.QUEUED) {
            // Not started yet: it ends now, and the worker that takes it later skips it.
            if (jobs.fail(job.id(), HarperJson.MAPPER.getNodeFactory().textNode(
                    "Job cancelled before it started; 0 records were committed"), System.currentTimeMillis(), true, false)) {
                monitor.dequeued();
            }
        }
        return HarperJson.message("Cancelling job " + job.id());
    }
}
