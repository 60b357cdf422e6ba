package dev.caravan.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.RoutePolicy;

/**
 * Fails the start when a job could not run or would run unrecorded: every job definition needs the
 * route named after its type (direct:<type> runs the job), and every route under the job policy a
 * definition (recovery and the failure messages look jobs up by type). Checked once the routes are
 * built, before their consumers start.
 */
public class JobRoutesCheck implements StartupListener {
    private final Map<String, JobDefinition> definitions;
    private final RoutePolicy jobPolicy;

    public JobRoutesCheck(Map<String, JobDefinition> definitions, RoutePolicy jobPolicy) {
        this.definitions = definitions;
        this.jobPolicy = jobPolicy;
    }

    /** Called once the routes are warmed up and before their consumers start, so no job was taken yet. */
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return;
        }
        Set<String> routes = new TreeSet<>();
        Set<String> jobRoutes = new TreeSet<>();
        for (Route route : context.getRoutes()) {
            routes.add(route.getRouteId());
            if (route.getRoutePolicyList().contains(jobPolicy)) {
                jobRoutes.add(route.getRouteId());
            }
        }
        List<String> problems = problems(definitions.keySet(), routes, jobRoutes);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Job routes and job definitions do not match: "
                    + String.join("; ", problems));
        }
    }

    /** What is missing, one sentence each; empty when every job type and job route pair up. */
    static List<String> problems(Collection<String> types, Collection<String> routes, Collection<String> jobRoutes) {
        List<String> problems = new ArrayList<>();
        for (String type : new TreeSet<>(types)) {
            if (!routes.contains(type)) {
                problems.add("job type " + type + " has no route with id " + type);
            }
        }
        for (String route : new TreeSet<>(jobRoutes)) {
            if (!types.contains(route)) {
                problems.add("route " + route + " has routePolicy jobPolicy but no job definition (a route that"
                        + " kamelet:job-start hands jobs to must be listed in caravan.jobs.route-started)");
            }
        }
        return problems;
    }
}
