package dev.caravan.s3;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * S3 failures as a job's message (contract §7): the service's own text, as Harper shows it ("The specified
 * key does not exist."), without the SDK's "(Service: S3, Status Code: 404, Request ID: …)" suffix, and
 * never with a key in it.
 */
public final class S3Failures {
    private static final String SDK_SUFFIX = " (Service: ";

    private S3Failures() {
    }

    public static String message(SdkException failure, S3Credentials credentials) {
        String message = null;
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            message = service.awsErrorDetails().errorMessage();
        }
        if (message == null || message.isBlank()) {
            message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            int suffix = message.indexOf(SDK_SUFFIX);
            if (suffix > 0) {
                message = message.substring(0, suffix);
            }
        }
        return credentials.scrub(message);
    }
}
