package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * Starts a job from inside a route rather than from the Operations API, so a new source can be one
 * YAML file (routes/examples/inbox-load.camel.yaml): the route sets the headers CaravanJobType,
 * CaravanUser, CaravanDatabase, CaravanTable and CaravanAction, calls start, and hands the exchange to
 * a route under the job policy that ends in the shared load block.
 */
public class JobLauncher {
    private final JobStore jobs;

    public JobLauncher(JobStore jobs) {
        this.jobs = jobs;
    }

    public void start(Exchange exchange) {
        String id = UUID.randomUUID().toString();
        ObjectNode request = HarperJson.object();
        String type = header(exchange, "CaravanJobType", "csv_file_load");
        request.put("operation", type);
        request.put("database", header(exchange, "CaravanDatabase", "data"));
        request.put("table", header(exchange, "CaravanTable", null));
        request.put("action", header(exchange, "CaravanAction", "insert"));
        String source = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        if (source != null) {
            request.put("source", source);
        }
        jobs.create(id, type, header(exchange, "CaravanUser", "caravan"), request, System.currentTimeMillis());
        exchange.setProperty(JobHeaders.JOB_ID, id);
        exchange.setProperty(JobHeaders.JOB_TYPE, type);
    }

    private static String header(Exchange exchange, String name, String fallback) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null || value.isBlank() ? fallback : value;
    }
}
