package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {
    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) HarperJson.parse(text.replace('\'', '"'));
    }

    @Test
    void fieldOrderDoesNotMatterAtAnyDepth() throws Exception {
        assertEquals(RequestFingerprint.of(json("{'a':1,'s3':{'bucket':'b','key':'k'}}")),
                RequestFingerprint.of(json("{'s3':{'key':'k','bucket':'b'},'a':1}")));
    }

    @Test
    void theKeyItselfIsNotCompared() throws Exception {
        assertEquals(RequestFingerprint.of(json("{'a':1}")), RequestFingerprint.of(json("{'a':1,'idempotency_key':'x'}")));
    }

    @Test
    void anyOtherValueDiffers() throws Exception {
        assertNotEquals(RequestFingerprint.of(json("{'data':'id\\n1\\n'}")), RequestFingerprint.of(json("{'data':'id\\n2\\n'}")));
        assertNotEquals(RequestFingerprint.of(json("{'a':1}")), RequestFingerprint.of(json("{'a':'1'}")));
    }

    @Test
    void theRequestIsLeftAsItWas() throws Exception {
        ObjectNode request = json("{'a':1,'idempotency_key':'x'}");
        RequestFingerprint.of(request);
        assertEquals("x", request.get("idempotency_key").asText());
    }
}
