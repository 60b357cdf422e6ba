package dev.caravan.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * csv_url_load's passthrough_headers become headers of the outgoing GET, so only real HTTP header
 * names may pass: RFC 7230 tokens, and none that Camel reads as instructions (CamelHttpPath,
 * CamelHttpQuery, CamelHttpUri rewrite the request), that frame the message (Host, Content-Length,
 * Transfer-Encoding) or that are hop-by-hop (RFC 7230 §6.1).
 */
public final class PassthroughHeaders {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Set<String> REFUSED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "te", "trailer", "trailers", "upgrade");

    private PassthroughHeaders() {
    }

    /** The headers to send, as text; a 400 naming the first header that may not be passed through. */
    public static Map<String, String> checked(JsonNode headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> header = it.next();
            String problem = problem(header.getKey());
            if (problem != null) {
                throw HarperException.badRequest("'passthrough_headers' cannot include " + problem);
            }
            map.put(header.getKey(), header.getValue().asText());
        }
        return map;
    }

    /** Why a header name may not be passed through, or null when it may. */
    static String problem(String name) {
        if (!TOKEN.matcher(name).matches()) {
            return "'" + printable(name) + "': not an HTTP header name";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("camel")) {
            return "'" + name + "': Camel* headers are the server's own";
        }
        if (REFUSED.contains(lower) || lower.startsWith("proxy-")) {
            return "'" + name + "': the server sets it for the request itself";
        }
        return null;
    }

    /** The name with control and other non-ASCII characters shown as code points, so the message stays readable. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> {
            if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return name.length() > 100 ? out + "…" : out.toString();
    }
}
