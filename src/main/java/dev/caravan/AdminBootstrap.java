package dev.caravan;

import dev.caravan.auth.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first super user on first start, from HDB_ADMIN_USERNAME / HDB_ADMIN_PASSWORD as Harper
 * does. Without a password a random one is written to a file readable only by its owner (never to the log).
 */
final class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String DEFAULT_USERNAME = "HDB_ADMIN";

    private final UserStore users;
    private final Path dataDir;

    AdminBootstrap(UserStore users, Path dataDir) {
        this.users = users;
        this.dataDir = dataDir;
    }

    void ensureAdmin(String username, String password) {
        if (users.hasUsers()) {
            return;
        }
        String name = username == null || username.isBlank() ? DEFAULT_USERNAME : username;
        String secret = password;
        if (secret == null || secret.isEmpty()) {
            secret = randomPassword();
            Path file = dataDir.resolve("initial-admin-password");
            writePrivate(file, secret);
            LOG.info("Created super user '{}'; its generated password is in {}", name, file.toAbsolutePath());
        } else {
            LOG.info("Created super user '{}'", name);
        }
        users.bootstrapAdmin(name, secret);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writePrivate(Path file, String secret) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + System.lineSeparator());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
