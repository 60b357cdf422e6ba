package dev.caravan.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.SecretUrls;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The S3 steps every S3 job route shares: take the job's keys from memory (or from the stored connection
 * its request names, S3Connections), bind a client of its own
 * (exchange properties {@link #BUCKET} and {@link #CLIENT} build the aws2-s3 endpoint URI, which never
 * holds a key), and turn an S3 failure caught by the route into the job's message.
 */
public class S3JobAccess {
    /** Exchange properties the route's aws2-s3 endpoint URI is built from (no secret among them). */
    public static final String BUCKET = "CaravanS3Bucket";
    public static final String CLIENT = "CaravanS3Client";
    private static final String CREDENTIALS = "CaravanS3Credentials";
    /** S3's own bucket name characters (legacy names included); anything else could bend the endpoint URI. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    private final JobSecrets secrets;
    private final S3Clients clients;
    private final S3Connections connections;

    public S3JobAccess(JobSecrets secrets, S3Clients clients, S3Connections connections) {
        this.secrets = secrets;
        this.clients = clients;
        this.connections = connections;
    }

    /** Binds the client for the job's stored {@code s3} object; released when the exchange is done. */
    public void open(Exchange exchange, String jobId, JsonNode s3) {
        S3Credentials credentials = credentials(jobId, s3);
        String bucket = s3.path("bucket").asText();
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new JobFailedException("The specified bucket is not valid.");
        }
        exchange.setProperty(CLIENT, clients.open(exchange, jobId, credentials, region(s3), endpoint(s3)));
        exchange.setProperty(BUCKET, bucket);
        exchange.setProperty(CREDENTIALS, credentials);
    }

    private S3Credentials credentials(String jobId, JsonNode s3) {
        if (S3RequestFields.namesConnection(s3)) {
            return connection(s3).credentials();
        }
        Map<String, String> kept = secrets.take(jobId);
        if (kept.isEmpty()) {
            throw new JobFailedException("The S3 keys of this job are gone: they are kept in memory only, for one run");
        }
        return S3Credentials.fromSecrets(kept);
    }

    /** The stored connection a job names; this node may have been started without it since. */
    private S3Connection connection(JsonNode s3) {
        String name = s3.get(S3Connections.FIELD).asText();
        return connections.named(name).orElseThrow(() -> new JobFailedException("S3 connection '" + name
                + "' is not configured on this node (" + S3Connections.SETTING + ")"));
    }

    /** The request's region, else its connection's. */
    private String region(JsonNode s3) {
        if (s3.hasNonNull("region") || !S3RequestFields.namesConnection(s3)) {
            return s3.path("region").asText();
        }
        return connection(s3).region();
    }

    /** The request's or its connection's endpoint; null for the server's default. */
    private String endpoint(JsonNode s3) {
        if (S3RequestFields.namesConnection(s3)) {
            return connection(s3).endpoint();
        }
        return s3.hasNonNull("endpoint") ? SecretUrls.endpointWithoutSecrets(s3.get("endpoint").asText()) : null;
    }

    public String location(JsonNode s3, String key) {
        return clients.location(endpoint(s3), region(s3), s3.path("bucket").asText(), key);
    }

    /** The S3 failure as the job's message: S3's own text, as Harper shows it, with no key in it. */
    public void failed(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SdkException sdk = ObjectHelper.getException(SdkException.class, caught);
        S3Credentials credentials = exchange.getProperty(CREDENTIALS, S3Credentials.class);
        String message = sdk != null ? S3Failures.message(sdk, credentials)
                : credentials.scrub(String.valueOf(caught.getMessage()));
        throw new JobFailedException(message);
    }
}
