package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.ClientDeparture;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import java.util.Set;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * wait_ms on get_job and on every job submit (Caravan's addition, compatibility C25), in the API route
 * (routes/operations.camel.yaml): {@link #check} refuses a bad wait_ms before the operation runs, so a
 * submit with one starts nothing; after it ran, the step waits without a thread ({@link JobWaits}) until
 * the job has ended or the time is up, then answers get_job's usual answer at that moment, or the
 * submit's answer plus "job": get_job's element. The HTTP edge (api/WaitingRequests) runs these requests
 * through Camel's asynchronous routing, so no thread is held while they wait.
 */
public class JobWaitStep extends AsyncProcessorSupport {
    /** The exchange property with the request's wait, set by check. */
    static final String PENDING = "CaravanJobWait";
    static final String FIELD = "wait_ms";

    private final OperationRegistry operations;
    private final JobWaits waits;
    private final Set<String> waitable;
    private final long maxWaitMs;

    /** waitable: get_job and the operations that submit jobs; maxWaitMs: caravan.jobs.max-wait-ms. */
    public JobWaitStep(OperationRegistry operations, JobWaits waits, Set<String> waitable, long maxWaitMs) {
        this.operations = operations;
        this.waits = waits;
        this.waitable = Set.copyOf(waitable);
        this.maxWaitMs = maxWaitMs;
    }

    record Pending(OperationRequest request, long waitMs) {
        boolean isGetJob() {
            return "get_job".equals(request.operation());
        }
    }

    /** Before the operation: a wait_ms on a waitable operation is a whole number of ms up to the bound, or 400. */
    public void check(Exchange exchange) {
        OperationRequest request = exchange.getMessage().getBody(OperationRequest.class);
        if (request == null || !waitable.contains(request.operation()) || !request.body().has(FIELD)) {
            return;
        }
        exchange.setProperty(PENDING, new Pending(request, waitMs(request.body().get(FIELD), maxWaitMs)));
    }

    static long waitMs(JsonNode value, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > max) {
            throw HarperException.badRequest("'" + FIELD + "' must be a whole number of milliseconds from 0 to " + max
                    + " (caravan.jobs.max-wait-ms), not " + value);
        }
        return value.asLong();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Pending pending = exchange.getProperty(PENDING, Pending.class);
        if (pending == null) {
            callback.done(true);
            return true;
        }
        exchange.removeProperty(PENDING); // a submit's request may be large (csv_data_load): not kept while waiting
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        String jobId = pending.isGetJob() ? runningJob(answer) : answer.path("job_id").textValue();
        if (jobId == null || (pending.isGetJob() && pending.waitMs() == 0)) {
            callback.done(true); // get_job of a job that has ended, that the user may not see, or now: as it is
            return true;
        }
        OperationRequest getJob = pending.isGetJob() ? pending.request() : getJobOf(jobId, pending.request());
        if (pending.waitMs() == 0) {
            return answerNow(exchange, getJob, answer, callback, true);
        }
        ClientDeparture departure = exchange.getProperty(ClientDeparture.PROPERTY, ClientDeparture.class);
        JobWaits.Wait wait = waits.await(jobId, pending.waitMs(), () -> {
            if (departure != null && departure.departed()) {
                callback.done(false); // nobody to answer: the exchange ends without another read
            } else {
                answerNow(exchange, getJob, answer, callback, false);
            }
        });
        if (departure != null) {
            departure.onDeparture(wait::drop);
        }
        return false;
    }

    /** The submitter's own get_job of the job it started. */
    private static OperationRequest getJobOf(String jobId, OperationRequest submit) {
        return new OperationRequest(HarperJson.object().put("operation", "get_job").put("id", jobId), submit.user(),
                submit.access());
    }

    /** get_job's only element while it is IN_PROGRESS: its id; null for an empty answer or an ended job. */
    private static String runningJob(JsonNode getJobAnswer) {
        JsonNode job = getJobAnswer.path(0);
        return JobStatus.IN_PROGRESS.name().equals(job.path("status").textValue()) ? job.path("id").textValue() : null;
    }

    /** get_job's answer now; for a submit, its own answer plus "job": get_job's element. */
    private boolean answerNow(Exchange exchange, OperationRequest getJob, JsonNode first, AsyncCallback callback,
                              boolean sync) {
        try {
            JsonNode jobs = operations.run(getJob);
            exchange.getMessage().setBody(first.isArray() ? jobs : withJob((ObjectNode) first, jobs));
        } catch (Exception e) {
            exchange.setException(e); // answered by the route's error handling, like the operation's own errors
        }
        callback.done(sync);
        return sync;
    }

    private static ObjectNode withJob(ObjectNode submitted, JsonNode jobs) {
        ObjectNode out = submitted.deepCopy();
        if (!jobs.path(0).isMissingNode()) {
            out.set("job", jobs.get(0));
        }
        return out;
    }
}
