package dev.caravan.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperJson;
import dev.caravan.jobs.JobHeaders;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStore;
import dev.caravan.s3.S3JobAccess;
import java.io.File;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * export_to_s3's S3 side: the written export file goes up as one object through the job's own client
 * (the route's aws2-s3 endpoint uploads it in parts when large, and aborts the upload if a part fails),
 * and the job's result is S3's answer as Harper reports it (contract §9).
 */
public class ExportUpload {
    private final JobStore jobs;
    private final S3JobAccess s3;

    public ExportUpload(JobStore jobs, S3JobAccess s3) {
        this.jobs = jobs;
        this.s3 = s3;
    }

    /** Binds the client; the body is the file, so its length is known and nothing is buffered. */
    public void request(@ExchangeProperty(ExportContext.PROPERTY) ExportContext export, Exchange exchange) {
        JsonNode target = export.request().path("s3");
        s3.open(exchange, export.jobId(), target);
        jobs.setPhase(export.jobId(), JobPhase.FINALIZING);
        File file = export.written().toFile();
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(file);
        message.setHeader(AWS2S3Constants.KEY, key(export));
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, file.length());
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, export.output().mediaType());
    }

    /** Compatibility C9: the format's extension (and ".gz") is appended unless the key already ends with it. */
    static String key(ExportContext export) {
        return export.output().fileName(export.request().path("s3").path("key").asText());
    }

    /** ETag (and VersionId on a versioned bucket), Bucket, Key and Location, as Harper's result has them. */
    public void result(@ExchangeProperty(ExportContext.PROPERTY) ExportContext export, Exchange exchange) {
        Message message = exchange.getMessage();
        JsonNode target = export.request().path("s3");
        String key = key(export);
        ObjectNode result = HarperJson.object();
        result.put("ETag", message.getHeader(AWS2S3Constants.E_TAG, String.class));
        String version = message.getHeader(AWS2S3Constants.VERSION_ID, String.class);
        if (version != null) {
            result.put("VersionId", version);
        }
        result.put("Bucket", target.path("bucket").asText());
        result.put("Key", key);
        result.put("Location", s3.location(target, key));
        exchange.setProperty(JobHeaders.RESULT, result);
    }
}
