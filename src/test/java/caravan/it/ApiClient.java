package caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** A client of the Operations API, as any Harper client would be: POST / with JSON and Basic auth. */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TABLE_NUMBERS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI uri;
    private final String authorization;

    public ApiClient(int port, String username, String password) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One answer: the HTTP status and the parsed JSON body. */
    public record Response(int status, JsonNode body) {
        public String error() {
            return body.path("error").asText(null);
        }

        public String message() {
            return body.path("message").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Sends a request written as JSON text (single quotes are turned into double quotes for readability). */
    public Response post(String json) {
        return postRaw(json.replace('\'', '"'));
    }

    public Response post(JsonNode body) {
        return postRaw(body.toString());
    }

    public Response postRaw(String body) {
        return post(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Sends a body from a publisher, e.g. one streamed from a generator, never held whole. */
    public Response post(HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode parsed = text == null || text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
            return new Response(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts and requires HTTP 200; returns the body. */
    public JsonNode ok(String json) {
        Response r = post(json);
        if (r.status() != 200) {
            throw new AssertionError("expected 200 for " + json + " but got " + r);
        }
        return r.body();
    }

    /** Posts, requires HTTP 200 and returns the body text as sent, for checks of exact number formatting. */
    public String okText(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.replace('\'', '"')));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("expected 200 for " + json + " but got " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a new empty table (t1, t2, ...) with primary key id in the database; returns its name. */
    public String newTable(String database) {
        String name = "t" + TABLE_NUMBERS.incrementAndGet();
        ok("{'operation':'create_table','database':'" + database + "','table':'" + name + "','primary_key':'id'}");
        return name;
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
