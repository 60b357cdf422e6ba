package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /health on a good server: UP, with Camel's checks and Caravan's, and no credentials needed by default. */
class HealthIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return ApiClient.JSON.readTree(response.body());
    }

    static Map<String, JsonNode> checks(JsonNode health) {
        Map<String, JsonNode> byName = new HashMap<>();
        health.path("checks").forEach(check -> byName.put(check.path("name").asText(), check));
        return byName;
    }

    @Test
    void aGoodServerIsUpInEveryCheck() throws Exception {
        HttpResponse<String> response = ServerGet.get(caravan.process().port(), "/health");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode health = json(response);
        assertEquals("UP", health.path("status").asText());
        Map<String, JsonNode> checks = checks(health);
        for (String name : new String[] {"context", "store", "disk-space", "job-routes", "route:operations-api",
            "route:job-runner", "route:csv_file_load"}) {
            assertTrue(checks.containsKey(name), name + " in " + checks.keySet());
        }
        assertEquals(CaravanProcess.onPostgres(), checks.containsKey("node-heartbeat"),
                "this node's heartbeat is checked on a shared (PostgreSQL) store only: " + checks.keySet());
        health.path("checks").forEach(check -> assertEquals("UP", check.path("status").asText(), check.toString()));
    }

    @Test
    void metricsAndHealthNeedNoCredentialsByDefault() {
        assertEquals(200, ServerGet.get(caravan.process().port(), "/metrics").statusCode());
        assertEquals(200, ServerGet.get(caravan.process().port(), "/health", "nobody", "wrong").statusCode());
    }

    @Test
    void theOperationsApiIsUnchangedBesideThem() {
        assertEquals(200, caravan.admin().post("{'operation':'describe_all'}").status());
        assertEquals(404, ServerGet.get(caravan.process().port(), "/metrics/x").statusCode());
    }
}
