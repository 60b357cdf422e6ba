package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * Submits bulk operations as jobs (contract §2.2): checks the request, writes the job row, queues the job
 * and answers at once; the HTTP thread never waits for the job.
 */
public class JobSubmitter {
    public static final String QUEUE = "seda:jobs";

    private final JobStore jobs;
    private final CamelContext context;
    private final JobMonitor monitor;
    private ProducerTemplate producer;

    public JobSubmitter(JobStore jobs, CamelContext context, JobMonitor monitor) {
        this.jobs = jobs;
        this.context = context;
        this.monitor = monitor;
    }

    /** Created on first use: creating it while the context is configured would start Camel's thread pools early. */
    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }

    public void register(OperationRegistry registry, JobDefinition definition) {
        registry.register(definition.type(), request -> submit(request, definition));
    }

    private JsonNode submit(OperationRequest request, JobDefinition definition) throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode stored = definition.prepare(request, id);
        jobs.create(id, definition.type(), request.user().username(), stored, System.currentTimeMillis());
        enqueue(id, definition.type());
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
