package dev.caravan.load;

import dev.caravan.formats.LoadFailure;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.JobStore;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * csv_url_load's HTTP side (spec §6, Caravan decision 7): the GET carries the passthrough headers;
 * the answer must be 200 with a CSV-ish media type (parameters such as charset are fine).
 */
public class UrlSource {
    private static final Set<String> CSV_MEDIA_TYPES =
            Set.of("text/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel");

    private final JobStore jobs;
    private final JobSecrets secrets;
    private final InflationLimits inflation;

    public UrlSource(JobStore jobs, JobSecrets secrets, InflationLimits inflation) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.inflation = inflation;
    }

    /** Sets up the GET: only the URL and the passthrough headers go out, nothing of the job's own headers. */
    public void request(Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        for (Map.Entry<String, String> header : secrets.take(load.jobId()).entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        // gzip only, gunzipped by response() within the inflation limits (the HTTP client's and Camel's are off)
        message.setHeader("Accept-Encoding", "gzip");
        exchange.setProperty(Exchange.SKIP_GZIP_ENCODING, true);
        message.setHeader(Exchange.HTTP_URI, url(load));
        message.setHeader(Exchange.HTTP_METHOD, "GET");
    }

    /** Checks the answer and hands its body on as a counted stream. */
    public InputStream response(Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String prefix = "CSV Load failed from URL: " + url(load) + ", ";
        if (status != 200) {
            String reason = message.getHeader(Exchange.HTTP_RESPONSE_TEXT, "", String.class);
            throw new LoadFailure(prefix + "status code: " + status + ", message: " + reason);
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !CSV_MEDIA_TYPES.contains(mediaType(contentType))) {
            throw new LoadFailure(prefix + "unsupported content type: " + (contentType == null ? "undefined" : contentType));
        }
        Long length = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        boolean compressed = message.getHeader("Content-Encoding") != null;
        if (length != null && !compressed) {
            jobs.setBytesTotal(load.jobId(), length);
        }
        InputStream body = message.getBody(InputStream.class);
        CountingInputStream in = new CountingInputStream(body == null ? InputStream.nullInputStream() : body);
        load.input(in);
        return compressed ? gunzip(message.getHeader("Content-Encoding", String.class), in, prefix) : in;
    }

    private InputStream gunzip(String encoding, CountingInputStream in, String prefix) {
        String name = encoding.trim().toLowerCase(Locale.ROOT);
        if (name.equals("identity")) {
            return in;
        }
        if (!name.equals("gzip") && !name.equals("x-gzip")) {
            throw new LoadFailure(prefix + "unsupported content encoding: " + encoding);
        }
        return inflation.gunzip(in, "The answer");
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String url(LoadContext load) {
        return load.request().path("csv_url").asText();
    }
}
