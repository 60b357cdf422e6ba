package dev.caravan.api;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The largest request body (caravan.max-body-bytes), enforced by the HTTP server itself so that no
 * more is ever buffered: a larger body is answered 413 with the Operations API's {"error": ...} body,
 * pointing to the loads that stream. Unset, it is a share of the heap that a request, parsed into a
 * JSON tree several times its size, always fits in.
 */
public final class BodyLimit implements ExtendedStartupListener {
    /** An insert body's JSON tree takes several times the body's bytes; 1/32 of the heap leaves room for that. */
    static final int HEAP_SHARE = 32;

    private final long limit;

    private BodyLimit(long limit) {
        this.limit = limit;
    }

    /** The limit in force: the configured bytes, or a share of the heap when 0 or less. */
    public static BodyLimit of(long configured, long maxHeap) {
        return new BodyLimit(configured > 0 ? configured : maxHeap / HEAP_SHARE);
    }

    public long bytes() {
        return limit;
    }

    /**
     * Makes the HTTP server buffer no more than the limit: camel-main has already created it from
     * camel.server.* when configuration classes run, but not yet started it.
     */
    public void applyTo(CamelContext context) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("camel.server.enabled must be true: the Operations API is served by it");
        }
        server.setMaxBodySize(limit);
    }

    String message() {
        return "Request body is larger than the limit of " + limit + " bytes (caravan.max-body-bytes); "
                + "load large data with csv_file_load, csv_url_load or import_from_s3, which stream it";
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the HTTP server's router exists once the context has fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        int port = Integer.parseInt(context.resolvePropertyPlaceholders("{{camel.server.port}}"));
        Router router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        String body = HarperJson.write(new ApiException(413, message()).body());
        // the body handler fails the request with 413 on this (the mounted) router; answer it in our shape
        router.route().failureHandler(routing -> {
            if (routing.statusCode() != 413 || routing.response().ended()) {
                routing.next();
                return;
            }
            routing.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(body);
        });
    }
}
