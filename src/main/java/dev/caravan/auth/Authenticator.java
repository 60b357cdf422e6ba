package dev.caravan.auth;

import dev.caravan.core.HarperException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic authentication against the UserStore. A PBKDF2 check costs tens of milliseconds, so a
 * verified password is remembered as a salted SHA-256 digest (in memory only, process-random salt)
 * for as long as the stored hash is unchanged: a new password (alter_user) or a dropped and re-added user
 * has a new hash, so the remembered digest no longer counts. The hash is the UserStore's, which reads
 * other nodes' changes within its check interval: so a password changed or a user dropped on another
 * node stops working here within that interval too.
 */
public class Authenticator {
    private static final String LOGIN_FAILED = "Login failed";

    private final UserStore users;
    private final byte[] processSalt = new byte[16];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String storedHash, byte[] digest) {
    }

    public Authenticator(UserStore users) {
        this.users = users;
        new SecureRandom().nextBytes(processSalt);
    }

    /** The user named by an Authorization header, or 401. */
    public User authenticate(String authorization) {
        String decoded = credentials(authorization);
        if (decoded == null) {
            throw HarperException.unauthorized(LOGIN_FAILED);
        }
        int colon = decoded.indexOf(':');
        return check(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /**
     * The user named by an Authorization header when its password was verified before and nothing
     * about the user has changed since; empty in every other case, which {@link #authenticate} then
     * decides, among them when the UserStore's check for other nodes' changes is due. Never runs the
     * slow password hash nor waits for the store, so it may be called where nothing may block.
     */
    public Optional<User> knownUser(String authorization) {
        String decoded = credentials(authorization);
        if (decoded == null) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        String username = decoded.substring(0, colon);
        UserStore.StoredUser stored = users.storedIfChecked(username).orElse(null);
        Verified known = verified.get(username);
        if (stored == null || known == null || !stored.active() || !known.storedHash().equals(stored.passwordHash())
                || !MessageDigest.isEqual(known.digest(), digest(decoded.substring(colon + 1)))) {
            return Optional.empty();
        }
        return users.cachedUser(username).filter(user -> user.role() != null);
    }

    /** "user:password" from a Basic Authorization header, or null when it is not one. */
    private static String credentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return decoded.indexOf(':') < 0 ? null : decoded;
    }

    private User check(String username, String password) {
        UserStore.StoredUser stored = users.stored(username).orElse(null);
        if (stored == null) {
            verified.remove(username);
            throw HarperException.unauthorized(LOGIN_FAILED);
        }
        byte[] digest = digest(password);
        Verified known = verified.get(username);
        boolean ok = known != null && known.storedHash().equals(stored.passwordHash())
                && MessageDigest.isEqual(known.digest(), digest);
        if (!ok) {
            if (!PasswordHasher.verify(password, stored.passwordHash())) {
                throw HarperException.unauthorized(LOGIN_FAILED);
            }
            verified.put(username, new Verified(stored.passwordHash(), digest));
        }
        if (!stored.active()) {
            throw HarperException.unauthorized("Cannot complete request: User is inactive");
        }
        User user = users.user(username).orElseThrow(() -> HarperException.unauthorized(LOGIN_FAILED));
        if (user.role() == null) {
            throw Access.withoutRole(username);
        }
        return user;
    }

    private byte[] digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(processSalt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
