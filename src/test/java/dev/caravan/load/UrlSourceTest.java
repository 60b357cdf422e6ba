package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.caravan.core.HarperJson;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobFailedException;
import dev.caravan.jobs.JobPhase;
import dev.caravan.jobs.JobStatus;
import dev.caravan.store.WriteAction;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** csv_url_load refuses an answer that is not a CSV before reading it, with Harper's messages (contract §6). */
class UrlSourceTest {
    private static final String URL = "http://127.0.0.1:1/dogs.csv";
    private final DefaultCamelContext camel = new DefaultCamelContext();
    // the refusals come before the job table, the source guard or the inflation limits are needed
    private final UrlSource source = new UrlSource(null, null, null, null);

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private Exchange answer(int status, String reason, String contentType) {
        Job job = new Job("j1", "csv_url_load", "HDB_ADMIN", 1, 1, null, JobStatus.IN_PROGRESS, null, null,
                HarperJson.object().put("csv_url", URL), JobPhase.READING, Job.Progress.NONE, false, false);
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(LoadContext.PROPERTY, new LoadContext(job, null, WriteAction.INSERT));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_TEXT, reason);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        return exchange;
    }

    private String refusal(Exchange exchange) {
        return assertThrows(JobFailedException.class, () -> source.response(exchange)).getMessage();
    }

    @Test
    void aStatusOtherThan200IsRefused() {
        assertEquals("CSV Load failed from URL: " + URL + ", status code: 404, message: Not Found",
                refusal(answer(404, "Not Found", "text/csv")));
        assertEquals("CSV Load failed from URL: " + URL + ", status code: 204, message: No Content",
                refusal(answer(204, "No Content", "text/csv")));
    }

    @Test
    void aMediaTypeThatIsNotCsvIsRefused() {
        assertEquals("CSV Load failed from URL: " + URL + ", unsupported content type: application/json",
                refusal(answer(200, "OK", "application/json")));
        assertEquals("CSV Load failed from URL: " + URL + ", unsupported content type: undefined",
                refusal(answer(200, "OK", null)));
    }

    @Test
    void theMediaTypeIsReadWithoutItsParametersAndCase() {
        assertEquals("text/csv", UrlSource.mediaType("Text/CSV; charset=utf-8"));
        assertEquals("application/octet-stream", UrlSource.mediaType(" application/octet-stream "));
    }
}
