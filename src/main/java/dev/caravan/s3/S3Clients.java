package dev.caravan.s3;

import java.net.URI;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3 client per job, built from the job's in-memory credentials and bound in the Camel registry
 * under a name of its own, so a route reaches it as {@code aws2-s3://<bucket>?amazonS3Client=#<name>}
 * and no key ever appears in an endpoint URI (URIs show in JMX and logs). When the job's exchange is
 * done, the binding, any endpoint using the client, and the client itself are released.
 */
public class S3Clients {
    private static final Logger LOG = LoggerFactory.getLogger(S3Clients.class);

    private final CamelContext context;
    private final URI defaultEndpoint;

    /** @param defaultEndpoint the server's S3-compatible store (caravan.s3.endpoint); blank for AWS */
    public S3Clients(CamelContext context, String defaultEndpoint) {
        this.context = context;
        this.defaultEndpoint = defaultEndpoint == null || defaultEndpoint.isBlank() ? null : URI.create(defaultEndpoint.trim());
    }

    /** Where an object lives, as S3's upload answer says it: path-style on a store, virtual-host on AWS. */
    public String location(String requestEndpoint, String region, String bucket, String key) {
        URI endpoint = requestEndpoint == null ? defaultEndpoint : URI.create(requestEndpoint);
        if (endpoint == null) {
            return "https://" + bucket + ".s3." + region + ".amazonaws.com/" + key;
        }
        String base = endpoint.toString();
        return (base.endsWith("/") ? base : base + "/") + bucket + "/" + key;
    }

    /**
     * Builds and binds a client for the job whose exchange this is; returns the registry name to use
     * as {@code amazonS3Client=#<name>}. The client is released when the exchange is done.
     *
     * @param endpoint the request's endpoint, or null for the server's default (or AWS for the region)
     */
    public String open(Exchange exchange, String jobId, S3Credentials credentials, String region, String endpoint) {
        S3Client client = create(credentials, region, endpoint == null ? defaultEndpoint : URI.create(endpoint));
        String name = "s3Client-" + jobId;
        context.getRegistry().bind(name, S3Client.class, client);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                release(name, client);
            }
        });
        return name;
    }

    /**
     * With an endpoint (an S3-compatible store): path-style addressing, and checksums only where S3
     * requires them, since S3Proxy and many such stores reject the SDK's default flexible checksums
     * (camel-notes P14).
     */
    static S3Client create(S3Credentials credentials, String region, URI endpoint) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private void release(String name, S3Client client) {
        try {
            for (Endpoint endpoint : List.copyOf(context.getEndpoints())) {
                if (endpoint instanceof AWS2S3Endpoint s3 && s3.getConfiguration().getAmazonS3Client() == client) {
                    context.removeEndpoint(endpoint);
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not remove the S3 endpoints of {}: {}", name, e.getMessage());
        } finally {
            context.getRegistry().unbind(name);
            client.close();
        }
    }
}
