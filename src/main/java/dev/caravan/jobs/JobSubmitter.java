package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * Submits bulk operations as jobs (contract §2.2): checks the request, writes the job row, queues the job
 * and answers at once; the HTTP thread never waits for the job. A submit with an idempotency_key that
 * already named a job answers that job and creates nothing (docs/decisions/0007-exactly-once.md).
 */
public class JobSubmitter {
    public static final String QUEUE = "seda:jobs";

    private final JobStore jobs;
    private final CamelContext context;
    private final JobMonitor monitor;
    private final Store store;
    private final IdempotencyKeys keys;
    private final JobSecrets secrets;
    private final JobPinning pinning;
    private ProducerTemplate producer;
    /** Fields every job-submitting operation takes (callback_url): SubmitField. */
    private final List<SubmitField> fields = new CopyOnWriteArrayList<>();

    public JobSubmitter(JobStore jobs, CamelContext context, JobMonitor monitor, Store store, IdempotencyKeys keys,
                        JobSecrets secrets, JobPinning pinning) {
        this.pinning = pinning;
        this.jobs = jobs;
        this.context = context;
        this.monitor = monitor;
        this.store = store;
        this.keys = keys;
        this.secrets = secrets;
    }

    /** Created on first use: creating it while the context is configured would start Camel's thread pools early. */
    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }

    /** Checks and keeps the field on every job submit from now on. */
    public void alsoCheck(SubmitField field) {
        fields.add(field);
    }

    /** The fields every submit takes, for retry_job: the retry request's values replace the stored ones. */
    List<SubmitField> fields() {
        return fields;
    }

    List<SubmitField.Accepted> checkFields(OperationRequest request) {
        List<SubmitField.Accepted> accepted = new ArrayList<>();
        for (SubmitField field : fields) {
            accepted.add(field.check(request));
        }
        return accepted;
    }

    public void register(OperationRegistry registry, JobDefinition definition) {
        registry.register(definition.type(), request -> submit(request, definition));
    }

    private JsonNode submit(OperationRequest request, JobDefinition definition) throws Exception {
        Optional<IdempotencyKey> key = IdempotencyKey.of(request);
        List<SubmitField.Accepted> accepted = checkFields(request); // before prepare: a bad field changes nothing
        if (key.isEmpty()) {
            String id = UUID.randomUUID().toString();
            ObjectNode stored = definition.prepare(request, id);
            accepted.forEach(field -> field.keep(id, stored));
            jobs.create(id, definition.type(), request.user().username(), stored, System.currentTimeMillis(),
                    pinning.pinnedNode(definition, stored, id));
            return started(id, definition);
        }
        String fingerprint = RequestFingerprint.of(definition.withoutSecrets(request.body()));
        Optional<String> earlier = keys.earlierJob(key.get(), fingerprint);
        if (earlier.isPresent()) {
            return answer(earlier.get());
        }
        String id = UUID.randomUUID().toString();
        ObjectNode stored = definition.prepare(request, id);
        accepted.forEach(field -> field.keep(id, stored));
        String pinnedNode = pinning.pinnedNode(definition, stored, id);
        try {
            store.inTransaction(c -> {
                jobs.create(c, id, definition.type(), request.user().username(), stored, System.currentTimeMillis(),
                        pinnedNode);
                keys.claim(c, key.get(), id, fingerprint, System.currentTimeMillis());
                return null;
            });
        } catch (RuntimeException e) {
            definition.discard(stored, id);
            secrets.forget(id);
            accepted.forEach(field -> field.discard(id));
            if (!keys.isTaken(e)) {
                throw e;
            }
            // a concurrent submit of the same key committed its job first: that job is the answer
            return answer(keys.earlierJob(key.get(), fingerprint).orElseThrow(() -> e));
        }
        return started(id, definition);
    }

    private JsonNode started(String id, JobDefinition definition) {
        enqueue(id, definition.type());
        return answer(id);
    }

    private static JsonNode answer(String id) {
        ObjectNode answer = HarperJson.message("Starting job with id " + id);
        answer.put("job_id", id);
        return answer;
    }

    /** Puts a job (new, or recovered after a restart) on the queue without waiting for it. */
    public void enqueue(String id, String type) {
        monitor.queued();
        producer().sendBodyAndHeaders(QUEUE, ExchangePattern.InOnly, id,
                Map.of(JobHeaders.JOB_ID, id, JobHeaders.JOB_TYPE, type));
    }
}
