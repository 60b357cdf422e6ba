package dev.caravan.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.SecretUrls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * The answer of GET /health: every enabled check of Camel's health check registry (the context, each
 * route and consumer, and Caravan's own: store, disk-space, job-routes, node-heartbeat) run at once, each
 * within the same bound (caravan.health.timeout-ms), so a hung check is reported DOWN rather than holding
 * the request. 200 {"status":"UP","checks":[...]} when all are UP, else 503 with "DOWN" and, for each
 * check that is not UP, its message (secrets in URLs redacted; no stack traces).
 */
public final class HealthReport {
    private final CamelContext context;
    private final Duration bound;
    /** Few threads: checks are quick; one hung on the store holds a thread, and later ones queue, still bounded. */
    private final ExecutorService runner;

    public HealthReport(CamelContext context, Duration bound) {
        this.context = context;
        this.bound = bound;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                task -> {
                    Thread thread = new Thread(task, "caravan-health-check");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.runner = pool;
    }

    /** One check's state and, when it has one, its message. */
    record Outcome(String name, HealthCheck.State state, String message) {
    }

    public void answer(Exchange exchange) {
        List<Outcome> outcomes = run(checks());
        boolean up = outcomes.stream().allMatch(o -> o.state() == HealthCheck.State.UP);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getMessage().setBody(HarperJson.write(body(up, outcomes)));
    }

    private List<HealthCheck> checks() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null || !registry.isEnabled()) {
            return List.of();
        }
        return registry.stream().filter(HealthCheck::isEnabled).filter(check -> !registry.isExcluded(check))
                .sorted(Comparator.comparing(HealthCheck::getId)).toList();
    }

    /** Runs the checks side by side; each not done when the bound has passed is DOWN. */
    List<Outcome> run(List<HealthCheck> checks) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<Future<HealthCheck.Result>> running = new ArrayList<>();
        for (HealthCheck check : checks) {
            try {
                running.add(runner.submit(() -> check.call()));
            } catch (RejectedExecutionException e) {
                running.add(null);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            outcomes.add(outcome(checks.get(i), running.get(i), deadline));
        }
        return outcomes;
    }

    private Outcome outcome(HealthCheck check, Future<HealthCheck.Result> result, long deadline) {
        if (result == null) {
            return new Outcome(check.getId(), HealthCheck.State.DOWN, "Too many health checks waiting; try again");
        }
        try {
            HealthCheck.Result r = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            String message = r.getMessage().orElse(r.getState() == HealthCheck.State.UP ? null
                    : r.getError().map(e -> e.getClass().getSimpleName()).orElse(null));
            return new Outcome(check.getId(), r.getState(), message == null ? null : SecretUrls.redactIn(message));
        } catch (TimeoutException e) {
            result.cancel(true);
            return new Outcome(check.getId(), HealthCheck.State.DOWN,
                    "No answer within " + bound.toMillis() + " ms (caravan.health.timeout-ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(check.getId(), HealthCheck.State.DOWN, "Interrupted");
        } catch (Exception e) {
            return new Outcome(check.getId(), HealthCheck.State.DOWN, "The check failed: " + e.getClass().getSimpleName());
        }
    }

    static ObjectNode body(boolean up, List<Outcome> outcomes) {
        ObjectNode body = HarperJson.object();
        body.put("status", up ? "UP" : "DOWN");
        ArrayNode checks = body.putArray("checks");
        for (Outcome o : outcomes) {
            ObjectNode check = checks.addObject();
            check.put("name", o.name());
            check.put("status", o.state().name());
            if (o.message() != null) {
                check.put("message", o.message());
            }
        }
        return body;
    }
}
