package dev.caravan.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.core.HarperException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The stored S3 connections, read once at start-up: {@code caravan.s3.connections} lists their names and
 * each has {@code caravan.s3.connections.<name>.access-key-id}, {@code .secret-access-key}, {@code .region}
 * and an optional {@code .endpoint}. Camel's properties resolve every such key from the environment by
 * its rule (upper case, dots and dashes as underscores: CARAVAN_S3_CONNECTIONS_&lt;NAME&gt;_SECRET_ACCESS_KEY),
 * but cannot list the names an environment holds, hence the list.
 */
public final class S3Connections {
    public static final String SETTING = "caravan.s3.connections";
    /** The request field that names a connection instead of giving keys. */
    public static final String FIELD = "connection";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, S3Connection> byName;

    private S3Connections(Map<String, S3Connection> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName)); // in the list's order
    }

    public static S3Connections none() {
        return new S3Connections(Map.of());
    }

    /**
     * The connections the list names, each read through {@code setting} (a key to its value, if set).
     * A bad name or a missing key stops the start-up with a message naming the setting, never a value.
     */
    public static S3Connections configured(String names, Function<String, Optional<String>> setting) {
        Map<String, S3Connection> byName = new LinkedHashMap<>();
        for (String name : Arrays.stream(names == null ? new String[0] : names.split(","))
                .map(String::strip).filter(n -> !n.isEmpty()).toList()) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException(SETTING + ": '" + name
                        + "' is not a connection name (1 to 64 letters, digits, '-' or '_')");
            }
            S3Credentials credentials = new S3Credentials(required(setting, name, "access-key-id"),
                    required(setting, name, "secret-access-key"));
            String endpoint = optional(setting, name, "endpoint");
            if (endpoint != null && !S3RequestFields.isHttpUrl(endpoint)) {
                throw new IllegalStateException(key(name, "endpoint") + " must be an http or https URL");
            }
            byName.put(name, new S3Connection(name, credentials, required(setting, name, "region"), endpoint));
        }
        return new S3Connections(byName);
    }

    private static String required(Function<String, Optional<String>> setting, String name, String field) {
        String value = optional(setting, name, field);
        if (value == null) {
            throw new IllegalStateException("S3 connection '" + name + "' needs " + key(name, field) + " (environment "
                    + key(name, field).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")");
        }
        return value;
    }

    private static String optional(Function<String, Optional<String>> setting, String name, String field) {
        return setting.apply(key(name, field)).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    static String key(String name, String field) {
        return SETTING + "." + name + "." + field;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Optional<S3Connection> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The connection a request's {@code s3} object names, checked: it must be one of this server's, and
     * comes instead of the keys and the endpoint (a request that could point a stored key pair at an
     * endpoint of its choosing could have it sign requests there). A 400 otherwise.
     */
    public S3Connection requestedBy(JsonNode s3) {
        JsonNode name = s3.get(FIELD);
        if (!name.isTextual()) {
            throw HarperException.badRequest("S3 connection must be a string");
        }
        if (present(s3, S3Credentials.ACCESS_KEY_ID) || present(s3, S3Credentials.SECRET_ACCESS_KEY)) {
            throw HarperException.badRequest("S3 connection and access keys cannot both be given: the connection "
                    + "holds its keys");
        }
        if (present(s3, "endpoint")) {
            throw HarperException.badRequest("S3 endpoint cannot be given with a connection: the connection names "
                    + "its endpoint");
        }
        return named(name.textValue()).orElseThrow(() -> HarperException.badRequest("S3 connection '"
                + name.textValue() + "' is not configured on this server (" + SETTING + ")"));
    }

    private static boolean present(JsonNode s3, String field) {
        return s3.hasNonNull(field);
    }
}
