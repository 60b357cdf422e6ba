package dev.caravan.observability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The job routes run: the queue's consumer (job-runner) and the route of every job type are started,
 * so a submitted job will be taken and run. (jobs/JobRoutesCheck checks at start-up that they exist.)
 */
public final class JobRoutesHealth extends AbstractHealthCheck {
    static final String RUNNER = "job-runner";

    private final Collection<String> jobTypes;

    public JobRoutesHealth(Collection<String> jobTypes) {
        super("caravan", "job-routes");
        this.jobTypes = List.copyOf(new TreeSet<>(jobTypes));
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        TreeSet<String> notRunning = new TreeSet<>();
        for (String route : routes()) {
            ServiceStatus status = getCamelContext().getRouteController().getRouteStatus(route);
            if (status == null || !status.isStarted()) {
                notRunning.add(route + " (" + (status == null ? "missing" : status.name().toLowerCase(Locale.ROOT)) + ")");
            }
        }
        if (notRunning.isEmpty()) {
            builder.up();
        } else {
            builder.down().message("Job routes not running: " + String.join(", ", notRunning));
        }
    }

    private List<String> routes() {
        List<String> routes = new ArrayList<>(jobTypes);
        routes.add(RUNNER);
        return routes;
    }
}
