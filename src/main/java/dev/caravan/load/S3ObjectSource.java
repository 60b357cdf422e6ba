package dev.caravan.load;

import dev.caravan.formats.SourceFormat;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobStore;
import dev.caravan.s3.S3JobAccess;
import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * import_from_s3's S3 side (contract §7): the GetObject goes through a client of the job's own, built from
 * the keys held in memory; the object is handed on as a counted (and, for ".gz", gunzipped) stream,
 * with its record format for the route's choice of load tail.
 */
public class S3ObjectSource {
    private final JobStore jobs;
    private final S3JobAccess s3;
    private final SourceGuard guard;
    private final InflationLimits inflation;

    public S3ObjectSource(JobStore jobs, S3JobAccess s3, SourceGuard guard, InflationLimits inflation) {
        this.jobs = jobs;
        this.s3 = s3;
        this.guard = guard;
        this.inflation = inflation;
    }

    /** Binds the job's client and sets up the GetObject: the bucket for the endpoint URI, the key header. */
    public void request(Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        s3.open(exchange, load.jobId(), load.request().path("s3"));
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, load.request().path("s3").path("key").asText());
    }

    /** The object's body, counted as it is read (it must carry its whole length), gunzipped for ".gz". */
    public InputStream response(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        @SuppressWarnings("unchecked")
        ResponseInputStream<GetObjectResponse> object = exchange.getMessage().getBody(ResponseInputStream.class);
        GetObjectResponse meta = object.response();
        if (meta.contentLength() != null) {
            jobs.setBytesTotal(load.jobId(), meta.contentLength());
        }
        load.sourceName("The S3 object");
        CountingInputStream counted = new CountingInputStream(object).named(load.sourceName())
                .expectLength(meta.contentLength()).abortedBy(object::abort);
        guard.open(load, SourceIdentity.ofObject(meta.contentLength(), meta.eTag(),
                meta.lastModified() == null ? null : meta.lastModified().toString()), counted);
        SourceFormat format = SourceFormat.ofName(load.request().path("s3").path("key").asText())
                .orElseThrow(() -> new JobFailedException(ImportFromS3.BAD_EXTENSION));
        exchange.setProperty(JsonLoad.FORMAT, format.records());
        if (!format.gzip()) {
            return counted;
        }
        return inflation.gunzip(counted, "The S3 object");
    }
}
