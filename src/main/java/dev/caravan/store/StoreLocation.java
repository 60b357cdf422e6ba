package dev.caravan.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the store lives (caravan.store.url): empty for the embedded Derby under the data dir, or a
 * PostgreSQL JDBC URL. The password is a setting of its own, so the URL, which start-up logs and error
 * messages may show, never carries a secret.
 */
public record StoreLocation(String url, String user, String password) {
    private static final String POSTGRES = "jdbc:postgresql:";

    public StoreLocation {
        url = url == null ? "" : url.strip();
        if (!url.isEmpty() && !url.startsWith(POSTGRES)) {
            throw new IllegalArgumentException("caravan.store.url must be empty (the embedded Derby) or a"
                    + " jdbc:postgresql://host:port/database URL");
        }
        String query = url.toLowerCase(Locale.ROOT);
        if (query.contains("password=") || query.contains("sslpassword=") || url.matches("jdbc:postgresql://[^/?]*@.*")) {
            throw new IllegalArgumentException("caravan.store.url must not carry a password: set"
                    + " caravan.store.password (CARAVAN_STORE_PASSWORD) instead");
        }
    }

    public boolean embedded() {
        return url.isEmpty();
    }

    /**
     * Opens the store: the embedded Derby under dataDir, or the PostgreSQL database. The data dir is made
     * either way: jobs spool their inputs there.
     */
    public Store open(Path dataDir, int poolSize) {
        if (embedded()) {
            return new Store(dataDir, poolSize);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data dir " + dataDir, e);
        }
        return Store.postgres(url, user, password, poolSize);
    }

    /** What the start-up log says: the engine and the URL without its parameters. */
    public String describe(Path dataDir) {
        if (embedded()) {
            return "embedded Derby under " + dataDir.toAbsolutePath().normalize();
        }
        String withoutParameters = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return "PostgreSQL at " + withoutParameters.substring("jdbc:".length());
    }

    @Override
    public String toString() {
        return "StoreLocation[" + (embedded() ? "embedded" : url) + "]"; // never the password
    }
}
