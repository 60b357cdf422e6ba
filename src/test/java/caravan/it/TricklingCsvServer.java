package caravan.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server whose CSV never ends: {@code /rows.csv?burst=N&everyMs=T} sends the header and
 * N rows at once, then one more row every T ms until the client goes away. It counts the clients that
 * went away, so a test can see that a cancelled job really dropped its connection.
 */
public final class TricklingCsvServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicInteger disconnected = new AtomicInteger();
    private final AtomicInteger rowsSent = new AtomicInteger();

    private TricklingCsvServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static TricklingCsvServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool();
        TricklingCsvServer trickle = new TricklingCsvServer(http, threads);
        http.createContext("/rows.csv", trickle::trickle);
        http.setExecutor(threads);
        http.start();
        return trickle;
    }

    private void trickle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        int burst = parameter(query, "burst");
        int everyMs = parameter(query, "everyMs");
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            StringBuilder first = new StringBuilder("id,name\n");
            for (int i = 1; i <= burst; i++) {
                first.append(i).append(",row ").append(i).append('\n');
            }
            out.write(first.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            rowsSent.addAndGet(burst);
            for (int i = burst + 1; ; i++) {
                Thread.sleep(everyMs);
                out.write((i + ",row " + i + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                rowsSent.incrementAndGet();
            }
        } catch (IOException e) {
            disconnected.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        }
    }

    private static int parameter(String query, String name) {
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return Integer.parseInt(kv[1]);
            }
        }
        throw new IllegalArgumentException("missing " + name + " in " + query);
    }

    /** A CSV of burst rows at once, then a row every everyMs milliseconds, for ever. */
    public String url(int burst, int everyMs) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rows.csv?burst=" + burst + "&everyMs=" + everyMs;
    }

    /** Clients that went away while rows were still coming. */
    public int disconnected() {
        return disconnected.get();
    }

    public int rowsSent() {
        return rowsSent.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
