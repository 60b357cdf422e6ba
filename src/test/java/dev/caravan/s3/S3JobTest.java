package dev.caravan.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRequest;
import org.junit.jupiter.api.Test;

/** Whether an S3 job is pinned to its node: only when its keys came with the request. */
class S3JobTest {
    private final S3Job job = new S3Job() {
        @Override
        public String type() {
            return "s3_test";
        }

        @Override
        public ObjectNode prepare(OperationRequest request, String jobId) {
            throw new UnsupportedOperationException();
        }
    };

    private static ObjectNode stored(ObjectNode s3) {
        ObjectNode request = HarperJson.object();
        request.set("s3", S3RequestFields.redacted(s3));
        return request;
    }

    @Test
    void aJobWithTheRequestsKeysIsPinnedAndCannotResume() {
        ObjectNode s3 = HarperJson.object().put("aws_access_key_id", "AK").put("aws_secret_access_key", "s")
                .put("bucket", "b").put("key", "k.csv").put("region", "r");
        assertTrue(job.holdsNodeSecrets(stored(s3)));
        assertFalse(job.resumable(stored(s3)));
    }

    @Test
    void aJobThatNamesAConnectionHoldsNoSecretAndResumes() {
        ObjectNode s3 = HarperJson.object().put("connection", "lake").put("bucket", "b").put("key", "k.csv");
        assertFalse(job.holdsNodeSecrets(stored(s3)));
        assertTrue(job.resumable(stored(s3)));
    }
}
