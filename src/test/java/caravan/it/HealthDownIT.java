package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /health when a check fails (a free-space minimum no disk has), and both endpoints when the
 * setting asks for credentials: a Caravan user's, checked as the Operations API checks them.
 */
class HealthDownIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh(Map.of(
            "CARAVAN_HEALTH_MIN_FREE_DISK_BYTES", String.valueOf(Long.MAX_VALUE),
            "CARAVAN_METRICS_REQUIRE_AUTH", "true"));

    private static int port() {
        return caravan.process().port();
    }

    @Test
    void theDiskCheckFailingMakesHealth503SayingWhich() throws Exception {
        HttpResponse<String> response = ServerGet.get(port(), "/health", CaravanProcess.ADMIN, CaravanProcess.PASSWORD);
        assertEquals(503, response.statusCode(), response.body());
        JsonNode health = HealthIT.json(response);
        assertEquals("DOWN", health.path("status").asText());
        Map<String, JsonNode> checks = HealthIT.checks(health);
        JsonNode disk = checks.get("disk-space");
        assertEquals("DOWN", disk.path("status").asText());
        String message = disk.path("message").asText();
        assertTrue(message.contains("below the " + Long.MAX_VALUE + " of caravan.health.min-free-disk-bytes"), message);
        assertEquals("UP", checks.get("store").path("status").asText(), "only the disk check fails");
        assertEquals("UP", checks.get("context").path("status").asText());
        assertFalse(response.body().contains("Exception"), "no stack traces or exception names: " + response.body());
    }

    @Test
    void withoutCredentialsBothAre401InTheApisShape() throws Exception {
        for (String path : new String[] {"/metrics", "/health"}) {
            HttpResponse<String> anonymous = ServerGet.get(port(), path);
            assertEquals(401, anonymous.statusCode(), path);
            assertEquals("Login failed", ApiClient.JSON.readTree(anonymous.body()).path("error").asText(), path);
            assertEquals(401, ServerGet.get(port(), path, CaravanProcess.ADMIN, "wrong").statusCode(), path);
        }
    }

    @Test
    void anyCaravanUserMayReadThem() {
        caravan.admin().ok("{'operation':'add_role','role':'watcher','permission':{'super_user':false}}");
        caravan.admin().ok("{'operation':'add_user','role':'watcher','username':'prometheus','password':'scrape-it',"
                + "'active':true}");
        assertEquals(200, ServerGet.get(port(), "/metrics", "prometheus", "scrape-it").statusCode());
        assertEquals(503, ServerGet.get(port(), "/health", "prometheus", "scrape-it").statusCode());
    }
}
