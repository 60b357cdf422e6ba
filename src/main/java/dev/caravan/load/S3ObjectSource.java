package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.formats.LoadFailure;
import dev.caravan.formats.SourceFormat;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.JobStore;
import dev.caravan.s3.S3Clients;
import dev.caravan.s3.S3Credentials;
import dev.caravan.s3.S3Failures;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.util.ObjectHelper;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * import_from_s3's S3 side (spec §7): the GetObject goes through a client of the job's own, built from
 * the keys held in memory; the object is handed on as a counted (and, for ".gz", gunzipped) stream,
 * with its record format for the route's choice of load tail.
 */
public class S3ObjectSource {
    /** Exchange properties the route's aws2-s3 endpoint URI is built from (no secret among them). */
    public static final String BUCKET = "CaravanS3Bucket";
    public static final String CLIENT = "CaravanS3Client";
    private static final String CREDENTIALS = "CaravanS3Credentials";
    /** S3's own bucket name characters (legacy names included); anything else could bend the endpoint URI. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final int GZIP_BUFFER = 64 * 1024;

    private final JobStore jobs;
    private final JobSecrets secrets;
    private final S3Clients clients;

    public S3ObjectSource(JobStore jobs, JobSecrets secrets, S3Clients clients) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.clients = clients;
    }

    /** Binds the job's client and sets up the GetObject: the bucket for the endpoint URI, the key header. */
    public void request(Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Map<String, String> kept = secrets.take(load.jobId());
        if (kept.isEmpty()) {
            throw new LoadFailure("The S3 keys of this job are gone: they are kept in memory only, for one run");
        }
        S3Credentials credentials = S3Credentials.fromSecrets(kept);
        JsonNode s3 = load.request().path("s3");
        String bucket = s3.path("bucket").asText();
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new LoadFailure("The specified bucket is not valid.");
        }
        String endpoint = s3.hasNonNull("endpoint") ? s3.get("endpoint").asText() : null;
        String client = clients.open(exchange, load.jobId(), credentials, s3.path("region").asText(), endpoint);
        exchange.setProperty(BUCKET, bucket);
        exchange.setProperty(CLIENT, client);
        exchange.setProperty(CREDENTIALS, credentials);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, s3.path("key").asText());
    }

    /** The S3 failure as the job's message: S3's own text, as Harper shows it, with no key in it. */
    public void failed(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SdkException sdk = ObjectHelper.getException(SdkException.class, caught);
        S3Credentials credentials = exchange.getProperty(CREDENTIALS, S3Credentials.class);
        String message = sdk != null ? S3Failures.message(sdk, credentials) : credentials.scrub(String.valueOf(caught.getMessage()));
        throw new LoadFailure(message);
    }

    /** The object's body, counted as it is read (bytes total from its length), gunzipped for ".gz". */
    public InputStream response(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        @SuppressWarnings("unchecked")
        ResponseInputStream<GetObjectResponse> object = exchange.getMessage().getBody(ResponseInputStream.class);
        if (object.response().contentLength() != null) {
            jobs.setBytesTotal(load.jobId(), object.response().contentLength());
        }
        CountingInputStream counted = new CountingInputStream(object);
        load.input(counted);
        SourceFormat format = SourceFormat.ofName(load.request().path("s3").path("key").asText())
                .orElseThrow(() -> new LoadFailure(ImportFromS3.BAD_EXTENSION));
        exchange.setProperty(JsonLoad.FORMAT, format.records());
        if (!format.gzip()) {
            return counted;
        }
        try {
            return new GZIPInputStream(counted, GZIP_BUFFER);
        } catch (IOException e) {
            throw new LoadFailure("The S3 object is not gzip data (" + e.getMessage() + ")", e);
        }
    }
}
