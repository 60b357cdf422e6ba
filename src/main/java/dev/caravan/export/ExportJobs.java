package dev.caravan.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.auth.UserStore;
import dev.caravan.core.HarperException;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobHeaders;
import dev.caravan.jobs.JobStore;
import dev.caravan.operations.OperationRequest;
import org.apache.camel.Exchange;

/**
 * Starts an export job's route: reads its row and checks the search again with the user's rights as
 * they are now (a table may have gone since the request), then puts the ExportContext on the exchange.
 */
public class ExportJobs {
    private final JobStore jobs;
    private final UserStore users;
    private final ExportRequestChecks checks;

    public ExportJobs(JobStore jobs, UserStore users, ExportRequestChecks checks) {
        this.jobs = jobs;
        this.users = users;
        this.checks = checks;
    }

    public void open(Exchange exchange) {
        String id = exchange.getProperty(JobHeaders.JOB_ID, String.class);
        Job job = jobs.require(id);
        ObjectNode request = job.request();
        User user = users.user(job.user())
                .orElseThrow(() -> new JobFailedException("user '" + job.user() + "' no longer exists"));
        OperationRequest caller = new OperationRequest(request, user, new Access(user));
        ExportOutput output = ExportOutput.of(request);
        ExportTarget target = request.has("path")
                ? ExportTarget.of(request.path("path").asText(), request.hasNonNull("filename")
                        ? request.get("filename").asText() : null, output, id, System.currentTimeMillis())
                : null;
        try {
            var query = checks.query(job.type(), (ObjectNode) request.get("search_operation"), caller);
            exchange.setProperty(ExportContext.PROPERTY, new ExportContext(job, output, query, target));
        } catch (HarperException e) {
            throw e.status() == 403 ? e : new JobFailedException(e.getMessage(), e);
        }
    }
}
