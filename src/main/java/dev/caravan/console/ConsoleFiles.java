package dev.caravan.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The console's files (routes/console.camel.yaml), read from the classpath under console/. A request
 * names one file by a plain name (letters, digits, dashes, one extension): no slash, no dot segment and
 * no escape can name anything outside the app, whatever the HTTP layer did to the path. Files are
 * small and fixed in the jar, so each is read once and answered with a strong ETag and no-cache: the
 * browser asks again each time and gets a 304 until the jar changes.
 */
public class ConsoleFiles {
    /** Nothing but the app's own origin: no CDN, no inline script, no framing (issue 12 point 4). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js|svg|png)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final String root;
    private final Map<String, Optional<ConsoleFile>> files = new ConcurrentHashMap<>();

    record ConsoleFile(byte[] bytes, String contentType, String etag) {
    }

    public ConsoleFiles() {
        this("console/");
    }

    ConsoleFiles(String root) {
        this.root = root;
    }

    /** Answers the file the request's path names: 200, 304 or 404. */
    public void serve(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = message.getHeader(Exchange.HTTP_PATH, "", String.class);
        String ifNoneMatch = message.getHeader("If-None-Match", String.class);
        message.getHeaders().clear();
        securityHeaders(message);
        Optional<ConsoleFile> file = find(fileName(path));
        if (file.isEmpty()) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
            message.setBody("Not found");
            return;
        }
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader("ETag", file.get().etag());
        if (file.get().etag().equals(ifNoneMatch)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, file.get().contentType());
        message.setBody(file.get().bytes());
    }

    /** The headers every console answer carries, the download's included. */
    static void securityHeaders(Message message) {
        message.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("X-Frame-Options", "DENY");
    }

    /** The file a path below /console names: the app's page for /console and /console/, else its last part. */
    static String fileName(String path) {
        String rest = path.startsWith("/console") ? path.substring("/console".length()) : path;
        if (rest.isEmpty() || rest.equals("/")) {
            return "index.html";
        }
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    Optional<ConsoleFile> find(String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return files.computeIfAbsent(name, this::read);
    }

    private Optional<ConsoleFile> read(String name) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(root + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return Optional.of(new ConsoleFile(bytes, type, etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console file " + name, e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
