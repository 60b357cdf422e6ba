package dev.caravan.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** S3 failures as job messages (contract §7): S3's own text, no SDK suffix, no key. */
class S3FailuresTest {
    private static final S3Credentials KEYS = new S3Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI");

    @Test
    void serviceErrorGivesS3sMessage() {
        NoSuchKeyException e = NoSuchKeyException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorMessage("The specified key does not exist.").build())
                .statusCode(404).requestId("4442587FB7D0A2F9").build();
        assertEquals("The specified key does not exist.", S3Failures.message(e, KEYS));
    }

    @Test
    void sdkSuffixIsStrippedWhenThereIsNoServiceMessage() {
        NoSuchKeyException e = NoSuchKeyException.builder()
                .message("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: 1)").build();
        assertEquals("The specified key does not exist.", S3Failures.message(e, KEYS));
    }

    @Test
    void keysAreScrubbedFromMessages() {
        SdkClientException e = SdkClientException.create("bad key AKIDEXAMPLE with wJalrXUtnFEMI");
        assertEquals("bad key [redacted] with [redacted]", S3Failures.message(e, KEYS));
    }

    @Test
    void credentialsPrintNoKey() {
        assertEquals("S3Credentials[redacted]", KEYS.toString());
    }
}
