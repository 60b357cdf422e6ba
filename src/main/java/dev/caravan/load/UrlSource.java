package dev.caravan.load;

import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * csv_url_load's HTTP side (contract §6, compatibility C7): the GET carries the passthrough headers;
 * the answer must be 200 with a CSV-ish media type (parameters such as charset are fine).
 */
public class UrlSource {
    private static final Set<String> CSV_MEDIA_TYPES =
            Set.of("text/csv", "text/plain", "application/octet-stream", "application/vnd.ms-excel");

    private static final String ACCEPT_ENCODING = "Accept-Encoding";

    private final JobStore jobs;
    private final JobSecrets secrets;
    private final SourceGuard guard;
    private final InflationLimits inflation;

    public UrlSource(JobStore jobs, JobSecrets secrets, SourceGuard guard, InflationLimits inflation) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.guard = guard;
        this.inflation = inflation;
    }

    /** Sets up the GET: only the URL and the passthrough headers go out, nothing of the job's own headers. */
    public void request(Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(null);
        Map<String, String> kept = new HashMap<>(secrets.take(load.jobId()));
        String url = kept.containsKey(CsvUrlLoad.URL_SECRET) ? kept.remove(CsvUrlLoad.URL_SECRET) : url(load);
        for (Map.Entry<String, String> header : kept.entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.setHeader(Exchange.HTTP_URI, url);
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        // The body is decoded here, not by the HTTP client (contentCompressionDisabled on the endpoint):
        // its raw stream is the one a cancel can abort, and Content-Length counts the bytes it carries.
        if (message.getHeaders().keySet().stream().noneMatch(ACCEPT_ENCODING::equalsIgnoreCase)) {
            message.setHeader(ACCEPT_ENCODING, "gzip");
        }
        exchange.setProperty(Exchange.SKIP_GZIP_ENCODING, true);
    }

    /**
     * Checks the answer and hands its body on as a counted stream, decoded when compressed. The answer's
     * length, ETag and Last-Modified are its identity (a resume needs the same ones), and the body must
     * carry all the bytes its Content-Length announced.
     */
    public InputStream response(Exchange exchange) throws IOException {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String prefix = "CSV Load failed from URL: " + url(load) + ", ";
        if (status != 200) {
            String reason = message.getHeader(Exchange.HTTP_RESPONSE_TEXT, "", String.class);
            throw new JobFailedException(prefix + "status code: " + status + ", message: " + reason);
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !CSV_MEDIA_TYPES.contains(mediaType(contentType))) {
            throw new JobFailedException(prefix + "unsupported content type: " + (contentType == null ? "undefined" : contentType));
        }
        Long length = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (length != null) {
            jobs.setBytesTotal(load.jobId(), length);
        }
        load.sourceName("The URL source");
        InputStream body = message.getBody(InputStream.class);
        CountingInputStream in = new CountingInputStream(body == null ? InputStream.nullInputStream() : body)
                .named(load.sourceName()).expectLength(length);
        if (body instanceof EofSensorInputStream connection) {
            in.abortedBy(() -> abortQuietly(connection)); // closing would first read the rest of the body
        }
        SourceIdentity identity = SourceIdentity.ofObject(length, message.getHeader("ETag", String.class),
                message.getHeader("Last-Modified", String.class));
        guard.open(load, identity, in);
        guard.pace(load, in, prefix);
        return ContentDecoding.decode(message.getHeader("Content-Encoding", String.class), in, inflation, prefix);
    }

    private static void abortQuietly(EofSensorInputStream connection) {
        try {
            connection.abort();
        } catch (IOException e) {
            // the connection is dropped either way
        }
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String url(LoadContext load) {
        return load.request().path("csv_url").asText();
    }
}
