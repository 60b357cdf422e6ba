package caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback receiver of webhook events, recording every request. Paths: /ok/... answers 204;
 * /fail-twice/... answers 500 to the first two attempts of each event, then 204; /never/... holds the
 * request unanswered until the receiver closes; /redirect/... answers 302 to /ok/redirected;
 * /csv/missing.csv answers 404 (a load source that fails).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived: path, query, headers (lower-case names) and the exact body. */
    public record Received(String path, String query, Map<String, String> headers, byte[] body) {
        public JsonNode json() {
            try {
                return ApiClient.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attemptsByEvent = new ConcurrentHashMap<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** An URL of this receiver, e.g. url("/ok/load"). */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/csv/")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received r = new Received(path, exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
        received.add(r);
        int status = 204;
        if (path.startsWith("/fail-twice/")) {
            String eventId = String.valueOf(r.header("Caravan-Event-Id"));
            int attempt = attemptsByEvent.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
            status = attempt <= 2 ? 500 : 204;
        } else if (path.startsWith("/redirect/")) {
            exchange.getResponseHeaders().add("Location", url("/ok/redirected"));
            status = 302;
        } else if (path.startsWith("/never/")) {
            unanswered.incrementAndGet();
            try {
                closing.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unanswered.decrementAndGet();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The requests that came to paths starting with prefix, in arrival order. */
    public List<Received> at(String prefix) {
        return received.stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    /** The events received for the job (any path), in arrival order. */
    public List<Received> forJob(String jobId) {
        return received.stream().filter(r -> r.body().length > 0 && jobId.equals(r.json().path("job_id").asText()))
                .toList();
    }

    /** Requests held unanswered right now (under /never/). */
    public int unanswered() {
        return unanswered.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
