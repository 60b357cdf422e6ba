package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * get_job with wait_ms over HTTP/1.1, one connection per waiting request: ApiClient's HTTP/2 puts every
 * request on one connection, where the server allows 100 streams at once, so more waiters would queue
 * in the client instead of waiting in the server.
 */
final class WaitingClient {
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final CaravanProcess caravan;

    WaitingClient(CaravanProcess caravan) {
        this.caravan = caravan;
    }

    /** The admin's get_job of the job, waiting up to waitMs; requires a 200. */
    JsonNode getJob(String job, long waitMs) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + caravan.port() + "/"))
                .timeout(Duration.ofMillis(waitMs).multipliedBy(2).plusSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (CaravanProcess.ADMIN + ":" + CaravanProcess.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"get_job\",\"id\":\"" + job
                        + "\",\"wait_ms\":" + waitMs + "}"))
                .build();
        HttpResponse<String> response = HTTP_1_1.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return ApiClient.JSON.readTree(response.body());
    }
}
