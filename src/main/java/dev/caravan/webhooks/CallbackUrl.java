package dev.caravan.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import dev.caravan.jobs.SecretUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook's URL: http or https, with a host. Its query string may carry the receiver's token, so the
 * URL is shown, stored and logged only without it (shown()); the whole URL lives in memory only.
 */
public record CallbackUrl(URI uri) {
    public static final String FIELD = "callback_url";
    static final int MAX_LENGTH = 2048;

    /** The request's callback_url, or a 400 saying what is wrong with it (never echoing its query). */
    public static CallbackUrl of(JsonNode value) {
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw HarperException.badRequest("'" + FIELD + "' must be an http or https URL");
        }
        return parse(value.textValue(), FIELD);
    }

    /** The URL in text (a setting's, or a request's), or a 400 naming what it is. */
    public static CallbackUrl parse(String text, String what) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw HarperException.badRequest("'" + what + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw HarperException.badRequest("'" + what + "' must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw HarperException.badRequest("'" + what + "' must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw HarperException.badRequest("'" + what + "' may not carry credentials before its host;"
                    + " a receiver's token can go in the query string");
        }
        if (text.length() > MAX_LENGTH) {
            throw HarperException.badRequest("'" + what + "' is longer than " + MAX_LENGTH + " characters");
        }
        return new CallbackUrl(uri);
    }

    /** The host as the HTTP client resolves it (an IPv6 literal without its brackets). */
    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** Without query string and fragment: what get_job, the job table and the log show. */
    public String shown() {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** As the stored request keeps it: shown, with "?[redacted]" where the query was. */
    public String stored() {
        return holdsSecret() ? shown() + "?" + SecretUrls.REDACTED : shown();
    }

    /** Whether a query string may carry a secret (any query string is treated as one). */
    public boolean holdsSecret() {
        return uri.getRawQuery() != null;
    }

    /** The URL to post to: all of it but the fragment. */
    public String target() {
        return shown() + (holdsSecret() ? "?" + uri.getRawQuery() : "");
    }

    /** Whether a stored callback_url is whole (it had no query string to hold back). */
    static boolean isWhole(String stored) {
        return stored != null && !stored.contains("?");
    }
}
