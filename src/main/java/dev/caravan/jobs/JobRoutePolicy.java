package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.RootCause;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a job's life in the job table around the route that runs it: running when the route takes
 * the exchange, COMPLETE or ERROR (with the cause's message) when it is done (contract §2.4).
 */
public class JobRoutePolicy extends RoutePolicySupport {
    private static final Logger LOG = LoggerFactory.getLogger(JobRoutePolicy.class);

    private final JobStore jobs;
    private final JobControl control;
    private final JobMonitor monitor;
    private final JobSecrets secrets;
    private final Map<String, JobDefinition> definitions;
    private final JobLeases leases;

    public JobRoutePolicy(JobStore jobs, JobControl control, JobMonitor monitor, JobSecrets secrets,
                          Map<String, JobDefinition> definitions, JobLeases leases) {
        this.leases = leases;
        this.jobs = jobs;
        this.control = control;
        this.monitor = monitor;
        this.secrets = secrets;
        this.definitions = definitions;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String id = exchange.getProperty(JobHeaders.JOB_ID, String.class);
        monitor.started(id);
        jobs.startRunning(id);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        String id = exchange.getProperty(JobHeaders.JOB_ID, String.class);
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        long now = System.currentTimeMillis();
        if (failure != null && control.cancelRequested(id)) {
            failure = new JobCancelledException(id); // whatever aborting its source made the read throw
        }
        boolean stopped = failure != null && JobFailure.causedBy(failure, JobStoppedException.class);
        try {
            if (failure != null && JobFailure.causedBy(failure, JobLeaseLostException.class)) {
                LOG.warn("Job {} stopped here: another node adopted it while this node held no live lease", id);
            } else if (stopped) {
                jobs.setPhase(id, JobPhase.QUEUED); // still IN_PROGRESS: JobRecovery resumes it at the next start
                LOG.info("Job {} stopped for the shutdown; it resumes at the next start", id);
            } else if (failure == null) {
                String message = exchange.getProperty(JobHeaders.MESSAGE, String.class);
                JsonNode result = exchange.getProperty(JobHeaders.RESULT, JsonNode.class);
                jobs.complete(id, message != null ? message : "Successfully completed job: " + id, result, now);
            } else {
                JobDefinition definition = definitions.get(exchange.getProperty(JobHeaders.JOB_TYPE, String.class));
                boolean commitsRecords = definition == null || definition.commitsRecords();
                Job.Progress committed = commitsRecords
                        ? jobs.find(id).map(Job::progress).orElse(Job.Progress.NONE) : Job.Progress.NONE;
                JobFailure f = JobFailure.of(failure, committed);
                jobs.fail(id, f.message(), now, f.cancelled(), false);
                LOG.info("Job {} failed: {}", id, f.message());
            }
        } finally {
            if (stopped) {
                leases.stoppedForShutdown(id); // for the next start, or for another node to adopt
            } else {
                leases.release(id);
            }
            jobs.stopRunning(id);
            secrets.forget(id); // a job that failed before its source step never took its keys
            control.forget(id);
            monitor.finished(id, failure == null);
        }
    }

    /** The job's ERROR message for a failure: Harper's text, plus what was committed before it. */
    record JobFailure(JsonNode message, boolean cancelled) {
        static JobFailure of(Throwable failure, Job.Progress committed) {
            Throwable cause = RootCause.of(failure);
            if (cause instanceof JobCancelledException) {
                return new JobFailure(TextNode.valueOf("Job cancelled; " + committed.rowsWritten() + " of "
                        + committed.rowsRead() + " records read were committed"), true);
            }
            if (cause instanceof HarperException api && api.status() == 403 && api.body().has("unauthorized_access")) {
                return new JobFailure(api.body(), false); // Harper stores the permission object itself
            }
            // an HTTP client's message names the URL it failed on, secrets and all
            String message = cause.getMessage() != null ? SecretUrls.redactIn(cause.getMessage())
                    : cause.getClass().getSimpleName();
            if (committed.rowsWritten() > 0) {
                message += " (" + committed.rowsWritten() + " records were committed before the failure)";
            }
            return new JobFailure(TextNode.valueOf(message), false);
        }

        static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
            for (Throwable current = t; current != null; current = current.getCause()) {
                if (type.isInstance(current)) {
                    return true;
                }
            }
            return false;
        }
    }
}
