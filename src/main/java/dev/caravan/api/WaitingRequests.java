package dev.caravan.api;

import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.ClientDeparture;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.apache.camel.support.AsyncProcessorConverterHelper;

/**
 * Runs the requests that may wait (a body with a "wait_ms" field: get_job or a job submit, see
 * jobs/JobWaitStep) through the API route with Camel's asynchronous routing, so that a request waiting
 * for its job holds no thread. The platform-http consumer calls its route synchronously on a Vert.x
 * worker, which would stay blocked for the whole wait; here a worker runs the route only up to the
 * wait step, which returns at once, and whoever ends the wait finishes the route and writes the
 * answer. The route, its steps and its error answers are the same as for every request
 * (routes/operations.camel.yaml); only the hand-off differs. Every other request goes on unchanged.
 */
public final class WaitingRequests implements Handler<RoutingContext> {
    /** The API route's id in routes/operations.camel.yaml. */
    static final String ROUTE = "operations-api";
    private static final byte[] FIELD = "\"wait_ms\"".getBytes(StandardCharsets.US_ASCII);
    /**
     * The largest body searched for the field here, on the event loop: a get_job or a small submit. A
     * larger one (a csv_data_load's data) goes the usual way, where it still waits, holding a worker.
     */
    static final int MAX_SEARCHED_BYTES = 64 * 1024;

    private final CamelContext camel;

    public WaitingRequests(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void handle(RoutingContext routing) {
        Buffer body = routing.body().buffer();
        Route route = camel.getRoute(ROUTE);
        if (!mayWait(body) || route == null || route.getConsumer() == null) {
            routing.next();
            return;
        }
        Consumer consumer = route.getConsumer();
        Exchange exchange = consumer.createExchange(false);
        Message in = exchange.getIn();
        routing.request().headers().forEach(header -> in.setHeader(header.getKey(), header.getValue()));
        in.setHeader(Exchange.HTTP_METHOD, routing.request().method().name());
        in.setHeader(Exchange.HTTP_PATH, routing.request().path());
        in.setBody(body.getBytes());
        ClientDeparture departure = new ClientDeparture();
        exchange.setProperty(ClientDeparture.PROPERTY, departure);
        routing.response().closeHandler(closed -> departure.depart());
        Context eventLoop = routing.vertx().getOrCreateContext();
        AsyncProcessor processor = AsyncProcessorConverterHelper.convert(consumer.getProcessor());
        routing.vertx().executeBlocking(() -> processor.process(exchange, doneSync ->
                        eventLoop.runOnContext(v -> answer(routing.response(), exchange, consumer))), false)
                .onFailure(routing::fail);
    }

    /** The route's answer as the platform-http consumer writes it: status, content type and body. */
    private static void answer(HttpServerResponse response, Exchange exchange, Consumer consumer) {
        try {
            if (response.ended() || response.closed()) {
                return; // the client went away
            }
            Message out = exchange.getMessage();
            if (exchange.getException() != null) {
                HarperException error = ApiResponses.toApiError(exchange.getException());
                response.setStatusCode(error.status()).putHeader("Content-Type", ApiResponses.JSON)
                        .end(HarperJson.write(error.body()));
                return;
            }
            response.setStatusCode(out.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class))
                    .putHeader("Content-Type", out.getHeader(Exchange.CONTENT_TYPE, ApiResponses.JSON, String.class))
                    .end(out.getBody(String.class));
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }

    /** Whether the body is one to take here: small enough to search, and naming the field. */
    static boolean mayWait(Buffer body) {
        return body != null && body.length() <= MAX_SEARCHED_BYTES && mentions(body, FIELD);
    }

    /** Whether the bytes contain the field name; a body that only seems to is answered the same way. */
    static boolean mentions(Buffer body, byte[] field) {
        int last = body.length() - field.length;
        for (int i = 0; i <= last; i++) {
            int j = 0;
            while (j < field.length && body.getByte(i + j) == field[j]) {
                j++;
            }
            if (j == field.length) {
                return true;
            }
        }
        return false;
    }
}
