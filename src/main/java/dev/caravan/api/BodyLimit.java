package dev.caravan.api;

import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;

/**
 * The largest request body (caravan.max-body-bytes), enforced by the HTTP server itself so that no
 * more is ever buffered: a larger body is answered 413 with the Operations API's {"error": ...} body,
 * pointing to the loads that stream. Unset, it is a share of the heap that a request, parsed into a
 * JSON tree several times its size, always fits in; large requests beyond that share at once are
 * answered 503 before their bodies are read (see {@link BodyBudget}).
 */
public final class BodyLimit extends RouterSetup {
    /**
     * An insert body's JSON tree takes several times the body's bytes (at -Xmx256m one body of 1/32
     * of the heap fits, six at once ran out of heap), so 1/32 of the heap is both the default limit
     * and the most body bytes worked on at once.
     */
    static final int HEAP_SHARE = 32;

    private final long limit;
    private final BodyBudget budget;

    private BodyLimit(long limit, long budget) {
        this.limit = limit;
        this.budget = new BodyBudget(budget);
    }

    /** The limit in force: the configured bytes, or a share of the heap when 0 or less. */
    public static BodyLimit of(long configured, long maxHeap) {
        long share = maxHeap / HEAP_SHARE;
        long limit = configured > 0 ? configured : share;
        return new BodyLimit(limit, Math.max(limit, share));
    }

    public long bytes() {
        return limit;
    }

    /**
     * Makes the HTTP server buffer no more than the limit, and answer in the API's shape when a body is
     * refused: camel-main has already created the server from camel.server.* when configuration classes
     * run, but not yet started it. Without a server (camel.server.enabled=false) no body arrives, so
     * there is nothing to bound.
     */
    public void applyTo(CamelContext context) throws Exception {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            return;
        }
        server.setMaxBodySize(limit);
        context.addStartupListener(this);
    }

    String message() {
        return "Request body is larger than the limit of " + limit + " bytes (caravan.max-body-bytes); "
                + "load large data with csv_file_load, csv_url_load or import_from_s3, which stream it";
    }

    static String busyMessage() {
        return "The server is busy with other large requests; retry later, or load large data with "
                + "csv_file_load, csv_url_load or import_from_s3, which stream it";
    }

    @Override
    void setUp(Router router) {
        String tooLarge = HarperJson.write(new HarperException(413, message()).body());
        String busy = HarperJson.write(new HarperException(503, busyMessage()).body());
        // before the body handler (order -1): a large body is admitted, or refused before it is read
        router.route().order(-1).handler(routing -> {
            HttpServerRequest request = routing.request();
            boolean bodyWithoutLength = request.version() == HttpVersion.HTTP_2 || request.getHeader("Transfer-Encoding") != null;
            long bytes = BodyBudget.reservation(request.getHeader("Content-Length"), bodyWithoutLength, limit);
            if (!budget.tryReserve(bytes)) {
                answer(routing, 503, busy);
                return;
            }
            if (bytes > 0) {
                routing.addEndHandler(done -> budget.release(bytes));
            }
            routing.next();
        });
        // the body handler fails the request with 413 on this (the mounted) router; answer it in our shape
        router.route().failureHandler(routing -> {
            if (routing.statusCode() != 413 || routing.response().ended()) {
                routing.next();
                return;
            }
            answer(routing, 413, tooLarge);
        });
    }

    private static void answer(RoutingContext routing, int status, String body) {
        routing.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body);
    }
}
