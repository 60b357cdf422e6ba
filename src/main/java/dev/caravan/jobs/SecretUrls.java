package dev.caravan.jobs;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets inside URLs (compatibility C3, as for header values and S3 keys): the password of a
 * {@code user:pass@} userinfo and the values of query parameters that carry credentials (presigned
 * URLs' X-Amz-Signature, Azure's sig, token, key, password ...) are shown as "[redacted]" wherever a
 * URL is stored, logged or put in a message.
 */
public final class SecretUrls {
    public static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_PARAMETERS = Set.of("sig", "signature", "token", "key", "apikey",
            "api_key", "api-key", "access_token", "refresh_token", "id_token", "auth", "authorization", "password",
            "passwd", "pwd", "pass", "secret", "client_secret", "credential", "credentials", "session", "code",
            "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature", "x-goog-credential",
            "awsaccesskeyid", "googleaccessid");
    private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>]+");
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*)@");

    private SecretUrls() {
    }

    /** The URL with its secrets replaced by "[redacted]"; a URL without any comes back unchanged. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        Matcher userInfo = USER_INFO.matcher(out);
        if (userInfo.find()) {
            String info = userInfo.group(2);
            int colon = info.indexOf(':');
            String kept = colon >= 0 ? info.substring(0, colon) + ":" + REDACTED : REDACTED; // a lone token is the secret
            out = userInfo.group(1) + kept + "@" + out.substring(userInfo.end());
        }
        int query = out.indexOf('?');
        if (query < 0) {
            return out;
        }
        int fragment = out.indexOf('#', query);
        String tail = fragment < 0 ? "" : out.substring(fragment);
        String[] parameters = out.substring(query + 1, fragment < 0 ? out.length() : fragment).split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            int equals = parameters[i].indexOf('=');
            if (equals > 0 && isSecret(parameters[i].substring(0, equals))) {
                parameters[i] = parameters[i].substring(0, equals + 1) + REDACTED;
            }
        }
        return out.substring(0, query + 1) + String.join("&", parameters) + tail;
    }

    /** Every URL inside a text (an exception's message, a log line) redacted. */
    public static String redactIn(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(redact(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * An S3 endpoint as the client needs it: S3 authenticates with the keys, so userinfo and query
     * (redacted or not) are dropped, which also keeps "[redacted]" out of the URI the client parses.
     */
    public static String endpointWithoutSecrets(String url) {
        if (url == null) {
            return null;
        }
        Matcher userInfo = USER_INFO.matcher(url);
        String out = userInfo.find() ? userInfo.group(1) + url.substring(userInfo.end()) : url;
        int cut = out.indexOf('?') >= 0 ? out.indexOf('?') : out.indexOf('#');
        return cut < 0 ? out : out.substring(0, cut);
    }

    /** Whether the URL carries a secret that redact() hides. */
    public static boolean hasSecret(String url) {
        return url != null && !redact(url).equals(url);
    }

    private static boolean isSecret(String parameter) {
        String name = java.net.URLDecoder.decode(parameter, java.nio.charset.StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT);
        return SECRET_PARAMETERS.contains(name) || name.endsWith("signature") || name.endsWith("token")
                || name.endsWith("secret") || name.endsWith("password");
    }
}
