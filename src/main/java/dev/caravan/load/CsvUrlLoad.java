package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.jobs.JobDefinition;
import dev.caravan.jobs.JobSecrets;
import dev.caravan.jobs.SecretUrls;
import dev.caravan.operations.OperationRequest;
import dev.caravan.store.TableMeta;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * csv_url_load (contract §6): validated with Joi's messages (quoted, joined by ". "). Passthrough header
 * values are secrets: they are kept in memory for the run only, never in the job row, so a job with
 * passthrough headers cannot resume after a crash (it ends ERROR, interrupted); so it is with a URL
 * that carries a password or a signature, which the job row shows redacted (SecretUrls).
 */
public class CsvUrlLoad implements JobDefinition {
    /** Where a URL with a secret in it waits for the run, among the headers: no header is named so (not a token). */
    static final String URL_SECRET = "(csv_url)";
    private final LoadRequestChecks checks;
    private final JobSecrets secrets;

    public CsvUrlLoad(LoadRequestChecks checks, JobSecrets secrets) {
        this.checks = checks;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return "csv_url_load";
    }

    @Override
    public ObjectNode prepare(OperationRequest request, String jobId) {
        List<String> errors = new ArrayList<>();
        if (request.field("table") == null) {
            errors.add("'table' is required");
        }
        JsonNode action = request.field("action");
        if (action != null && !(action.isTextual() && List.of("insert", "update", "upsert").contains(action.textValue()))) {
            errors.add("'action' must be one of [insert, update, upsert]");
        }
        JsonNode url = request.field("csv_url");
        if (url == null) {
            errors.add("'csv_url' is required");
        } else if (!url.isTextual() || !isUrl(url.textValue())) {
            errors.add("'csv_url' must be a valid url");
        }
        JsonNode headers = request.field("passthrough_headers");
        if (headers != null && !headers.isObject()) {
            errors.add("'passthrough_headers' must be of type object");
        }
        if (!errors.isEmpty()) {
            throw HarperException.badRequest(String.join(". ", errors));
        }
        TableMeta table = checks.table(request);
        LoadRequestChecks.authorize(request, table);
        ObjectNode stored = checks.storedTarget(request, table);
        Map<String, String> kept = headers == null ? new LinkedHashMap<>() : PassthroughHeaders.checked(headers);
        stored.put("csv_url", SecretUrls.redact(url.textValue()));
        if (SecretUrls.hasSecret(url.textValue())) {
            kept.put(URL_SECRET, url.textValue());
        }
        if (!kept.isEmpty()) {
            secrets.keep(jobId, kept);
        }
        if (headers != null && !headers.isEmpty()) {
            ObjectNode redacted = stored.putObject("passthrough_headers");
            headers.fieldNames().forEachRemaining(name -> redacted.put(name, "[redacted]"));
        }
        return stored;
    }

    /** The URL's secrets redacted and the passthrough headers' values left out, as the job row keeps them. */
    @Override
    public ObjectNode withoutSecrets(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        JsonNode url = copy.get("csv_url");
        if (url != null && url.isTextual()) {
            copy.put("csv_url", SecretUrls.redact(url.textValue()));
        }
        JsonNode headers = copy.get("passthrough_headers");
        if (headers instanceof ObjectNode named) {
            named.fieldNames().forEachRemaining(name -> named.put(name, SecretUrls.REDACTED));
        }
        return copy;
    }

    /**
     * retry_job: a URL whose secret parts the job row shows redacted, and passthrough header values, were kept
     * in memory for the old run only: the retry must give them again ('csv_url' the same URL once redacted,
     * 'passthrough_headers' the same names).
     */
    @Override
    public ObjectNode retryRequest(ObjectNode storedRequest, OperationRequest retry) {
        ObjectNode body = storedRequest.deepCopy();
        String storedUrl = storedRequest.path("csv_url").asText();
        String retriedId = retry.text("id");
        if (storedUrl.contains(SecretUrls.REDACTED)) {
            JsonNode url = retry.field("csv_url");
            if (url == null || !url.isTextual() || !SecretUrls.redact(url.textValue()).equals(storedUrl)) {
                throw JobDefinition.retryNeeds(retriedId, "'csv_url' again, with the secret parts the job row does not"
                        + " keep: the URL " + storedUrl + " with its [redacted] parts filled in");
            }
            body.put("csv_url", url.textValue());
        }
        JsonNode storedHeaders = storedRequest.get("passthrough_headers");
        if (storedHeaders != null && storedHeaders.isObject()) {
            JsonNode headers = retry.field("passthrough_headers");
            List<String> missing = new ArrayList<>();
            storedHeaders.fieldNames().forEachRemaining(name -> {
                if (headers == null || !headers.isObject() || !headers.has(name)) {
                    missing.add(name);
                }
            });
            if (!missing.isEmpty()) {
                throw JobDefinition.retryNeeds(retriedId, "'passthrough_headers' again, whose values the job row does"
                        + " not keep: " + String.join(", ", missing));
            }
            body.set("passthrough_headers", headers);
        }
        return body;
    }

    /** Joi's uri(): an absolute URI with a scheme (ftp://host/x passes, "not a url" does not). */
    static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && uri.getRawSchemeSpecificPart() != null && !text.contains(" ");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public boolean resumable(ObjectNode storedRequest) {
        return !holdsNodeSecrets(storedRequest);
    }

    /** Passthrough header values and a URL's secrets are kept in this node's memory only. */
    @Override
    public boolean holdsNodeSecrets(ObjectNode storedRequest) {
        return storedRequest.has("passthrough_headers")
                || storedRequest.path("csv_url").asText().contains(SecretUrls.REDACTED);
    }
}
