package dev.caravan.s3;

import java.util.Map;

/**
 * An S3 access key pair from a request (compatibility C3): used for one job's client, never stored,
 * never printed; {@link #toString()} and {@link #scrub(String)} keep it out of logs and messages.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey) {
    public static final String ACCESS_KEY_ID = "aws_access_key_id";
    public static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
    private static final String REDACTED = "[redacted]";

    /** The pair as a job keeps it in memory (see JobSecrets). */
    public Map<String, String> asSecrets() {
        return Map.of(ACCESS_KEY_ID, accessKeyId, SECRET_ACCESS_KEY, secretAccessKey);
    }

    public static S3Credentials fromSecrets(Map<String, String> secrets) {
        return new S3Credentials(secrets.get(ACCESS_KEY_ID), secrets.get(SECRET_ACCESS_KEY));
    }

    /** The text with any occurrence of either key replaced. */
    public String scrub(String text) {
        String scrubbed = text;
        for (String secret : new String[] {accessKeyId, secretAccessKey}) {
            if (secret != null && !secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, REDACTED);
            }
        }
        return scrubbed;
    }

    @Override
    public String toString() {
        return "S3Credentials" + REDACTED;
    }
}
