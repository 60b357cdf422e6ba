package caravan.it;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.Payload;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible store for tests: S3Proxy in this JVM on a free loopback port, over an in-memory
 * (transient) jclouds blob store, with AWS V2/V4 signatures for one random key pair. Objects are put
 * and read with the AWS SDK, checksums only where required (S3Proxy rejects the SDK's default
 * flexible checksums, camel-notes P14).
 */
public final class S3TestServer implements AutoCloseable {
    public static final String REGION = "us-east-1";

    private final String accessKeyId = "AKTEST" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    private final String secretAccessKey = "secret-" + UUID.randomUUID();
    private final BlobStoreContext blobs;
    private final PartFailingBlobStore store;
    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    private S3TestServer() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
        store = new PartFailingBlobStore(blobs.getBlobStore());
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10); // S3Proxy offers no start-up callback
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        client = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    public static S3TestServer start() {
        try {
            return new S3TestServer();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    /** The endpoint URL, as a request's s3.endpoint or CARAVAN_S3_ENDPOINT gives it. */
    public String endpoint() {
        return endpoint.toString();
    }

    /** An import_from_s3 request for one object of this store, with its keys. */
    public ObjectNode importRequest(String database, String table, String bucket, String key) {
        ObjectNode request = ApiClient.object();
        request.put("operation", "import_from_s3").put("database", database).put("table", table);
        request.putObject("s3")
                .put("aws_access_key_id", accessKeyId)
                .put("aws_secret_access_key", secretAccessKey)
                .put("bucket", bucket)
                .put("key", key)
                .put("region", REGION)
                .put("endpoint", endpoint());
        return request;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public byte[] get(String bucket, String key) {
        return client.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    /** The object's metadata as S3 answers a HEAD (content type and encoding among it). */
    public HeadObjectResponse head(String bucket, String key) {
        return client.headObject(h -> h.bucket(bucket).key(key));
    }

    public List<String> keys(String bucket) {
        return client.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    /** From now on, uploading part number {@code part} or higher of any multipart upload fails (0: none). */
    public void failPartsFrom(int part) {
        store.failFrom = part;
    }

    /** Keys of multipart uploads started and neither completed nor aborted. */
    public List<String> uploadsInProgress(String bucket) {
        return client.listMultipartUploads(l -> l.bucket(bucket)).uploads().stream().map(MultipartUpload::key).toList();
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            blobs.close();
        }
    }

    /** The store with a switch that makes part uploads fail, as a network or a full disk would midway. */
    private static final class PartFailingBlobStore extends ForwardingBlobStore {
        private volatile int failFrom;

        PartFailingBlobStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public MultipartPart uploadMultipartPart(org.jclouds.blobstore.domain.MultipartUpload upload, int partNumber, Payload payload) {
            if (failFrom > 0 && partNumber >= failFrom) {
                throw new IllegalStateException("test store refuses part " + partNumber);
            }
            return super.uploadMultipartPart(upload, partNumber, payload);
        }
    }
}
