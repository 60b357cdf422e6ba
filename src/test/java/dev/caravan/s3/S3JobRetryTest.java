package dev.caravan.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.Access;
import dev.caravan.auth.User;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import org.junit.jupiter.api.Test;

/** retry_job of an S3 job: the keys come again, only the keys (and a redacted endpoint) are taken. */
class S3JobRetryTest {
    private static final User ANN = new User("ann", true, null);
    private static final S3Job JOB = new S3Job() {
        @Override
        public String type() {
            return "import_from_s3";
        }

        @Override
        public ObjectNode prepare(OperationRequest request, String jobId) {
            return request.body();
        }
    };

    private static ObjectNode stored(ObjectNode s3) {
        ObjectNode stored = HarperJson.object().put("operation", "import_from_s3").put("table", "t");
        stored.set("s3", S3RequestFields.redacted(s3));
        return stored;
    }

    private static OperationRequest retry(ObjectNode s3) {
        ObjectNode body = HarperJson.object().put("operation", "retry_job").put("id", "old");
        if (s3 != null) {
            body.set("s3", s3);
        }
        return new OperationRequest(body, ANN, new Access(ANN));
    }

    private static ObjectNode keys() {
        return HarperJson.object().put(S3Credentials.ACCESS_KEY_ID, "AK").put(S3Credentials.SECRET_ACCESS_KEY, "SK");
    }

    private static ObjectNode object(String bucket, String key) {
        return keys().put("bucket", bucket).put("key", key).put("region", "us-east-1");
    }

    @Test
    void theKeysComeAgainAndTheRestStaysTheJobs() {
        ObjectNode s3 = keys().put("bucket", "other").put("key", "other.csv");
        ObjectNode body = JOB.retryRequest(stored(object("pets", "dogs.csv")), retry(s3));
        assertEquals("AK", body.at("/s3/aws_access_key_id").asText());
        assertEquals("SK", body.at("/s3/aws_secret_access_key").asText());
        assertEquals("pets", body.at("/s3/bucket").asText(), "the retry runs the job's object");
        assertEquals("dogs.csv", body.at("/s3/key").asText());
    }

    @Test
    void withoutKeysIsA400NamingThem() {
        HarperException e = assertThrows(HarperException.class, () -> JOB.retryRequest(stored(object("b", "k.csv")),
                retry(null)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("s3.aws_access_key_id, s3.aws_secret_access_key"), e.getMessage());
        assertEquals(400, assertThrows(HarperException.class, () -> JOB.retryRequest(stored(object("b", "k.csv")),
                retry(HarperJson.object().put(S3Credentials.ACCESS_KEY_ID, "AK")))).status());
    }

    @Test
    void aRedactedEndpointComesAgainInFull() {
        ObjectNode stored = stored(object("b", "k.csv").put("endpoint", "http://u:pw@127.0.0.1:9000"));
        HarperException e = assertThrows(HarperException.class, () -> JOB.retryRequest(stored, retry(keys())));
        assertTrue(e.getMessage().contains("s3.endpoint"), e.getMessage());
        ObjectNode body = JOB.retryRequest(stored, retry(keys().put("endpoint", "http://u:pw@127.0.0.1:9000")));
        assertEquals("http://u:pw@127.0.0.1:9000", body.at("/s3/endpoint").asText());
    }

    @Test
    void aJobOnAStoredConnectionNeedsNothing() {
        ObjectNode stored = stored(HarperJson.object().put(S3Connections.FIELD, "lake").put("bucket", "b").put("key", "k.csv"));
        assertEquals(stored, JOB.retryRequest(stored, retry(null)));
    }
}
