package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.SecretUrls;
import dev.caravan.operations.OperationRequest;
import org.junit.jupiter.api.Test;

/** retry_job of a csv_url_load: a URL's secret parts and passthrough header values come again. */
class CsvUrlLoadRetryTest {
    private static final User ANN = new User("ann", true, null);
    private static final String SIGNED = "https://example.com/dogs.csv?X-Amz-Signature=abc123";
    private static final CsvUrlLoad LOAD = new CsvUrlLoad(null, new JobSecrets());

    private static OperationRequest retry(ObjectNode fields) {
        ObjectNode body = fields.put("operation", "retry_job").put("id", "old");
        return new OperationRequest(body, ANN, new Access(ANN));
    }

    private static ObjectNode stored(String url) {
        return HarperJson.object().put("operation", "csv_url_load").put("table", "t").put("csv_url", SecretUrls.redact(url));
    }

    @Test
    void aPlainUrlNeedsNothing() {
        ObjectNode stored = stored("https://example.com/dogs.csv");
        assertEquals(stored, LOAD.retryRequest(stored, retry(HarperJson.object())));
    }

    @Test
    void aRedactedUrlComesAgainInFull() {
        ObjectNode stored = stored(SIGNED);
        HarperException e = assertThrows(HarperException.class, () -> LOAD.retryRequest(stored, retry(HarperJson.object())));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("retry_job of job old needs 'csv_url' again"), e.getMessage());
        assertTrue(!e.getMessage().contains("abc123"));
        assertEquals(400, assertThrows(HarperException.class, () -> LOAD.retryRequest(stored,
                retry(HarperJson.object().put("csv_url", "https://example.com/cats.csv?X-Amz-Signature=abc")))).status(),
                "another URL is not this job's");
        assertEquals(SIGNED, LOAD.retryRequest(stored, retry(HarperJson.object().put("csv_url", SIGNED)))
                .get("csv_url").asText());
    }

    @Test
    void passthroughHeadersComeAgainByName() {
        ObjectNode stored = stored("https://example.com/dogs.csv");
        stored.putObject("passthrough_headers").put("Authorization", "[redacted]");
        HarperException e = assertThrows(HarperException.class, () -> LOAD.retryRequest(stored, retry(HarperJson.object())));
        assertTrue(e.getMessage().endsWith("not keep: Authorization"), e.getMessage());
        ObjectNode given = HarperJson.object();
        given.putObject("passthrough_headers").put("Authorization", "Bearer t");
        assertEquals("Bearer t", LOAD.retryRequest(stored, retry(given)).at("/passthrough_headers/Authorization").asText());
    }
}
