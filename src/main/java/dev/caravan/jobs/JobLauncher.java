package dev.caravan.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.store.Store;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * Starts a job from inside a route rather than from the Operations API, so a new source can be one
 * YAML file (routes/examples/inbox-load.camel.yaml): kamelet:job-start sets the headers CaravanJobType
 * (the id of the job route), CaravanUser, CaravanDatabase, CaravanTable and CaravanAction and calls
 * start; the caller then hands the exchange to that route, which is under the job policy and ends in
 * the shared load block.
 */
public class JobLauncher {
    private final Store store;
    private final JobStore jobs;
    private final JobLeases leases;
    private final JobPinning pinning;
    private final Set<String> routeStartedTypes;

    public JobLauncher(Store store, JobStore jobs, JobLeases leases, JobPinning pinning, Set<String> routeStartedTypes) {
        this.store = store;
        this.jobs = jobs;
        this.leases = leases;
        this.pinning = pinning;
        this.routeStartedTypes = routeStartedTypes;
    }

    public void start(Exchange exchange) {
        String type = header(exchange, JobHeaders.JOB_TYPE, null);
        if (type == null || !routeStartedTypes.contains(type)) {
            // a job of a type without its definition could be neither recovered nor reported
            throw new IllegalArgumentException("kamelet:job-start route " + type + " is not a route-started job;"
                    + " the routes in caravan.jobs.route-started are " + routeStartedTypes);
        }
        String id = UUID.randomUUID().toString();
        ObjectNode request = HarperJson.object();
        request.put("operation", type);
        request.put("database", header(exchange, "CaravanDatabase", "data"));
        request.put("table", header(exchange, "CaravanTable", null));
        request.put("action", header(exchange, "CaravanAction", "insert"));
        String source = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        if (source != null) {
            request.put("source", source);
        }
        String user = header(exchange, "CaravanUser", "caravan");
        String pinnedNode = pinning.pinnedNode(new RouteStartedJob(type), request, id);
        // it runs on this thread now: held by this node from the start, so no node's poller takes it (JobQueue)
        store.inTransaction(c -> {
            jobs.create(c, id, type, user, request, System.currentTimeMillis(), pinnedNode);
            return leases.claim(c, id);
        });
        exchange.setProperty(JobHeaders.JOB_ID, id);
        exchange.setProperty(JobHeaders.JOB_TYPE, type);
    }

    private static String header(Exchange exchange, String name, String fallback) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null || value.isBlank() ? fallback : value;
    }
}
