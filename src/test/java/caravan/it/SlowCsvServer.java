package caravan.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback HTTP server that streams a CSV of count rows slowly (1,000 rows every 20 ms), with its
 * Content-Length announced when asked (then a load of it knows its bytes_total and its percent).
 */
public final class SlowCsvServer implements AutoCloseable {
    private final HttpServer server;

    private SlowCsvServer(HttpServer server) {
        this.server = server;
    }

    public static SlowCsvServer start(int count) throws IOException {
        return start(count, false);
    }

    public static SlowCsvServer start(int count, boolean announceLength) throws IOException {
        long length = announceLength ? length(count) : 0; // 0: chunked
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow.csv", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("id,name\n".getBytes(StandardCharsets.UTF_8));
                StringBuilder chunk = new StringBuilder();
                for (int i = 1; i <= count; i++) {
                    chunk.append(i).append(",row ").append(i).append('\n');
                    if (i % 1000 == 0) {
                        out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        chunk.setLength(0);
                        Thread.sleep(20);
                    }
                }
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException e) {
                // the client went away (killed server under test)
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return new SlowCsvServer(server);
    }

    private static long length(int count) {
        long bytes = "id,name\n".length();
        for (int i = 1; i <= count; i++) {
            bytes += 2L * String.valueOf(i).length() + ",row \n".length();
        }
        return bytes;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/slow.csv";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
