package dev.caravan.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretUrlsTest {
    @Test
    void userInfoPasswordIsRedactedAndTheUserKept() {
        assertEquals("https://alice:[redacted]@files.example.com/dogs.csv",
                SecretUrls.redact("https://alice:s3cr3t@files.example.com/dogs.csv"));
    }

    @Test
    void aLoneUserInfoTokenIsRedacted() {
        assertEquals("https://[redacted]@github.com/x.csv", SecretUrls.redact("https://ghp_abc@github.com/x.csv"));
    }

    @Test
    void presignedQueryParametersAreRedactedOthersKept() {
        assertEquals("https://b.s3.amazonaws.com/k.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[redacted]"
                        + "&X-Amz-Signature=[redacted]&X-Amz-Expires=60#top",
                SecretUrls.redact("https://b.s3.amazonaws.com/k.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIA%2F20261201&X-Amz-Signature=abc123&X-Amz-Expires=60#top"));
        assertEquals("http://h/x?sig=[redacted]&sv=2020&api_key=[redacted]&password=[redacted]&page=2",
                SecretUrls.redact("http://h/x?sig=zzz&sv=2020&api_key=k&password=p&page=2"));
    }

    @Test
    void aUrlWithoutSecretsIsUnchanged() {
        String url = "http://127.0.0.1:8080/data.csv?page=2&sort=id";
        assertEquals(url, SecretUrls.redact(url));
        assertFalse(SecretUrls.hasSecret(url));
        assertTrue(SecretUrls.hasSecret("http://u:p@h/"));
    }

    @Test
    void urlsInsideATextAreRedacted() {
        assertEquals("Connect to http://u:[redacted]@127.0.0.1:9/x?token=[redacted] failed: refused",
                SecretUrls.redactIn("Connect to http://u:pw@127.0.0.1:9/x?token=t0k failed: refused"));
    }
}
