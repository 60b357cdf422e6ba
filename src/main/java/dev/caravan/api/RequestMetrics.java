package dev.caravan.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Times every Operations API request (POST /) from its arrival to the end of its answer, by operation
 * and HTTP status (caravan_api_requests_seconds): whoever answered it, the route, its error handler, the
 * event loop (EventLoopAnswers) or the body limit (BodyLimit). The operation is the name the request gave
 * once it was read, and only a known one: any other, or none (a body refused or unreadable, a failed
 * login), is "unknown", so no client can grow the label set.
 */
public final class RequestMetrics extends RouterSetup {
    static final String NAME = "caravan.api.requests";
    static final String UNKNOWN = "unknown";
    /** Where a request's operation name waits for its answer to end, in the routing context. */
    private static final String OPERATION = "caravan.operation";
    /** Bucket bounds: a poll takes milliseconds, a large insert seconds. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Predicate<String> known;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry, Predicate<String> knownOperation) {
        this.registry = registry;
        this.known = knownOperation;
    }

    /** Times requests once the HTTP server runs; without one (camel.server.enabled=false) there are none. */
    public void applyTo(CamelContext context) throws Exception {
        if (context.hasService(MainHttpServer.class) != null) {
            context.addStartupListener(this);
        }
    }

    /** The request names this operation (the route's first step, once the body is parsed). */
    public static void operation(Exchange exchange, String operation) {
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() instanceof WebServerRequest web) {
            operation(web.routingContext(), operation);
        }
    }

    /** The same, on the event loop (EventLoopAnswers). */
    static void operation(RoutingContext routing, String operation) {
        routing.put(OPERATION, operation);
    }

    /** One answered request. */
    void record(String operation, int status, long nanos) {
        String label = operation != null && known.test(operation) ? operation : UNKNOWN;
        timers.computeIfAbsent(label + ' ' + status, key -> Timer.builder(NAME)
                .description("Operations API requests (POST /) by operation and HTTP status, from arrival to answer")
                .tag("operation", label)
                .tag("status", String.valueOf(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(Duration.ofNanos(nanos));
    }

    @Override
    void setUp(Router router) {
        // first of all (BodyLimit's admission is -1), so a request it refuses is timed too
        router.route().order(-2).handler(routing -> {
            HttpServerRequest request = routing.request();
            if ("/".equals(request.path())) {
                long start = System.nanoTime();
                routing.addEndHandler(done -> record(routing.get(OPERATION), routing.response().getStatusCode(),
                        System.nanoTime() - start));
            }
            routing.next();
        });
    }
}
