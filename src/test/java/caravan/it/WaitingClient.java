package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
        HttpResponse<String> response = HTTP_1_1.send(request(job, waitMs, Duration.ofMillis(waitMs).multipliedBy(2)
                .plusSeconds(30)), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return ApiClient.JSON.readTree(response.body());
    }

    /** The same request, given up after giveUp: the client closes its connection while the server waits. */
    void getJobAndGiveUp(String job, long waitMs, Duration giveUp) throws Exception {
        assertThrows(HttpTimeoutException.class,
                () -> HTTP_1_1.send(request(job, waitMs, giveUp), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest request(String job, long waitMs, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + caravan.port() + "/"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (CaravanProcess.ADMIN + ":" + CaravanProcess.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"get_job\",\"id\":\"" + job
                        + "\",\"wait_ms\":" + waitMs + "}"))
                .build();
    }
}
