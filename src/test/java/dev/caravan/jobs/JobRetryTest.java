package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.StoreOnEachEngine;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * retry_job on each engine: which jobs can be retried, and what the new job's row holds; the store
 * steps of a resume (the request kept at the end, replaced, the row errors copied).
 */
class JobRetryTest extends StoreOnEachEngine {
    private static final User ANN = new User("ann", true, null);
    private static final User BOB = new User("bob", true, null);
    private JobStore jobs;
    private RowErrorStore errors;
    private OperationRegistry operations;
    private DefaultCamelContext camel;

    /** A job kind whose request needs 'secret' again, as an S3 job needs its keys. */
    private static final JobDefinition SECRET_LOAD = new JobDefinition() {
        @Override
        public String type() {
            return "secret_load";
        }

        @Override
        public ObjectNode prepare(OperationRequest request, String jobId) {
            ObjectNode stored = HarperJson.object().put("operation", type()).put("file", request.text("file"));
            return stored.put("secret", "[redacted]");
        }

        @Override
        public ObjectNode retryRequest(ObjectNode storedRequest, OperationRequest retry) {
            if (retry.text("secret") == null) {
                throw JobDefinition.retryNeeds(retry.text("id"), "'secret' again");
            }
            return storedRequest.deepCopy().put("secret", retry.text("secret"));
        }
    };

    @BeforeParameterizedClassInvocation
    void open() {
        jobs = new JobStore(store);
        errors = new RowErrorStore(store, jobs);
        camel = new DefaultCamelContext();
        camel.start();
        JobSecrets secrets = new JobSecrets();
        JobSubmitter submitter = new JobSubmitter(jobs, camel, new JobMonitor(), store, new IdempotencyKeys(store), secrets,
                new JobPinning("here", false, false, secrets));
        operations = new OperationRegistry();
        new JobRetry(jobs, new JobActions(jobs, false), submitter, new JobPinning("here", false, false, secrets), secrets,
                Map.of("secret_load", SECRET_LOAD)).register(operations);
    }

    @AfterParameterizedClassInvocation
    void close() {
        camel.stop();
    }

    private String job(String user, boolean failed) {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "secret_load", user, HarperJson.object().put("operation", "secret_load").put("file", "f.csv")
                .put("secret", "[redacted]"), System.currentTimeMillis());
        if (failed) {
            jobs.fail(id, HarperJson.MAPPER.getNodeFactory().textNode("failed"), System.currentTimeMillis(), true, false);
        } else {
            jobs.complete(id, "done", null, System.currentTimeMillis());
        }
        return id;
    }

    private JsonNode retry(User user, String id, String secret) throws Exception {
        ObjectNode body = HarperJson.object().put("operation", "retry_job").put("id", id);
        if (secret != null) {
            body.put("secret", secret);
        }
        return operations.run(new OperationRequest(body, user, new Access(user)));
    }

    private HarperException refused(User user, String id, String secret) {
        return assertThrows(HarperException.class, () -> retry(user, id, secret));
    }

    @Test
    void aCancelledJobRunsAgainAsANewJobThatNamesIt() throws Exception {
        String old = job("ann", true);
        JsonNode answer = retry(ANN, old, "s3cr3t");
        String id = answer.get("job_id").asText();
        assertEquals("Starting job with id " + id, answer.get("message").asText());
        Job created = jobs.find(id).orElseThrow();
        assertEquals(JobStatus.IN_PROGRESS, created.status());
        assertEquals("ann", created.user());
        assertEquals(old, created.request().get(JobRetry.RETRY_OF).asText());
        assertEquals("[redacted]", created.request().get("secret").asText(), "what prepare stored, not the secret");
        assertEquals(old, JobView.forGetJob(created).get("retry_of").asText());
        assertFalse(JobView.forGetJob(created).has("resumed_after_rows"));
        assertEquals(JobStatus.ERROR, jobs.find(old).orElseThrow().status(), "the old job keeps its row");
    }

    @Test
    void whatTheKindNeedsAgainIsA400AndNothingStarts() {
        String old = job("ann", true);
        int before = jobs.inProgress().size();
        HarperException e = refused(ANN, old, null);
        assertEquals(400, e.status());
        assertEquals("retry_job of job " + old + " needs 'secret' again", e.getMessage());
        assertEquals(before, jobs.inProgress().size());
    }

    @Test
    void aCompleteJobIs400() {
        HarperException e = refused(ANN, job("ann", false), "s");
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("is COMPLETE; only a job that failed"), e.getMessage());
    }

    @Test
    void aJobInProgressIs400() {
        String id = UUID.randomUUID().toString();
        jobs.create(id, "secret_load", "ann", HarperJson.object(), System.currentTimeMillis());
        assertEquals(400, refused(ANN, id, "s").status());
    }

    @Test
    void anotherUsersJobIs404() {
        assertEquals(404, refused(BOB, job("ann", true), "s").status());
    }

    @Test
    void aRetriedRetryIsOfTheJobItRetries() throws Exception {
        String first = job("ann", true);
        String second = retry(ANN, first, "s").get("job_id").asText();
        jobs.fail(second, HarperJson.MAPPER.getNodeFactory().textNode("failed"), System.currentTimeMillis(), false, false);
        String third = retry(ANN, second, "s").get("job_id").asText();
        assertEquals(second, jobs.find(third).orElseThrow().request().get(JobRetry.RETRY_OF).asText());
    }

    @Test
    void aResumeTakesTheRequestAndTheRowErrorsOnItsTransaction() {
        String old = job("ann", true);
        store.inTransaction(c -> {
            errors.record(c, old, List.of(RowErrorStore.error(4, 5L, 40L, "failed", "not_castable", "age", "x", "raw",
                    "bad")));
            return null;
        });
        String id = UUID.randomUUID().toString();
        jobs.create(id, "secret_load", "ann", HarperJson.object().put(JobRetry.RETRY_OF, old), System.currentTimeMillis());
        ObjectNode resumed = HarperJson.object().put(JobRetry.RETRY_OF, old).put(JobRetry.RESUMED_AFTER_ROWS, 1000);
        store.inTransaction(c -> {
            errors.copyForRetry(c, old, id);
            jobs.replaceRequest(c, id, resumed);
            return null;
        });
        assertEquals(errors.page(old, null, 0, 10), errors.page(id, null, 0, 10));
        assertEquals(1000, JobView.forGetJob(jobs.find(id).orElseThrow()).get("resumed_after_rows").asLong());
        assertEquals(1, errors.count(old, null), "the old job keeps its own");
    }
}
