package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * retry_job (Caravan's, compatibility C23): a finished job that failed, was cancelled or was interrupted
 * runs again as a new job of the retrying user, its request checked again as a submit is. The old job keeps
 * its row; the new one's stored request names it (retry_of). A load goes on after the old job's last
 * committed batch when its source is still the one the old job read (the load's source step decides, from
 * the source's identity, as a resume after a crash does: load/RetryResume), and from the start otherwise.
 */
public class JobRetry {
    /** In the new job's stored request, and shown by get_job: the job it retries. */
    public static final String RETRY_OF = "retry_of";
    /** In the new job's stored request once it went on after the old job's rows, and shown by get_job. */
    public static final String RESUMED_AFTER_ROWS = "resumed_after_rows";

    private final JobStore jobs;
    private final JobActions actions;
    private final JobSubmitter submitter;
    private final JobPinning pinning;
    private final JobSecrets secrets;
    private final Map<String, JobDefinition> definitions;

    public JobRetry(JobStore jobs, JobActions actions, JobSubmitter submitter, JobPinning pinning, JobSecrets secrets,
                    Map<String, JobDefinition> definitions) {
        this.jobs = jobs;
        this.actions = actions;
        this.submitter = submitter;
        this.pinning = pinning;
        this.secrets = secrets;
        this.definitions = definitions;
    }

    public void register(OperationRegistry registry) {
        registry.register("retry_job", this::retry);
    }

    private JsonNode retry(OperationRequest request) throws Exception {
        Job old = actions.jobToActOn(request, "retry");
        JobDefinition definition = retryable(old);
        ObjectNode body = definition.retryRequest(withoutRetryFields(old.request()), request);
        OperationRequest again = new OperationRequest(withSubmitFields(body, request), request.user(), request.access());
        List<SubmitField.Accepted> accepted = submitter.checkFields(again); // callback_url: checked as on a submit
        String id = UUID.randomUUID().toString();
        ObjectNode stored = null;
        try {
            stored = definition.prepareRetry(again, old.id(), id);
            stored.put(RETRY_OF, old.id());
            for (SubmitField.Accepted field : accepted) {
                field.keep(id, stored);
            }
            jobs.create(id, definition.type(), request.user().username(), stored, System.currentTimeMillis(),
                    pinning.pinnedNode(definition, stored, id));
        } catch (RuntimeException e) {
            if (stored != null) {
                definition.discard(stored, id); // e.g. the copy of a csv_data_load's data
            }
            secrets.forget(id);
            accepted.forEach(field -> field.discard(id));
            throw e;
        }
        submitter.enqueue(id, definition.type());
        ObjectNode answer = HarperJson.message("Starting job with id " + id);
        answer.put("job_id", id);
        return answer;
    }

    /** The definition that runs the job again, or a 400 saying why it cannot be retried. */
    private JobDefinition retryable(Job old) {
        if (!old.isFinished()) {
            throw HarperException.badRequest("Job " + old.id() + " is still in progress; only a finished job can be retried");
        }
        if (old.status() != JobStatus.ERROR) {
            throw HarperException.badRequest("Job " + old.id() + " is " + old.status()
                    + "; only a job that failed, was cancelled or was interrupted can be retried");
        }
        JobDefinition definition = definitions.get(old.type());
        if (definition == null) {
            throw HarperException.badRequest("Job " + old.id() + " is of type " + old.type()
                    + ", which this server no longer runs");
        }
        if (old.request() == null) {
            throw HarperException.badRequest("Job " + old.id() + " kept no request to run again (it ended before"
                    + " Caravan kept the requests of finished jobs); submit it again");
        }
        return definition;
    }

    /** The request to run, with the submit fields (callback_url) the retry request gives instead of the stored ones. */
    private ObjectNode withSubmitFields(ObjectNode body, OperationRequest retry) {
        for (SubmitField field : submitter.fields()) {
            JsonNode given = retry.body().get(field.name());
            if (given != null) {
                body.set(field.name(), given);
            }
        }
        return body;
    }

    /** The stored request as a submit would send it: without what an earlier retry added. */
    static ObjectNode withoutRetryFields(ObjectNode stored) {
        ObjectNode copy = stored.deepCopy();
        copy.remove(RETRY_OF);
        copy.remove(RESUMED_AFTER_ROWS);
        return copy;
    }
}
