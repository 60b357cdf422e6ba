package dev.caravan.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PBKDF2 password hashes: salted, verifiable, never the password itself. */
class PasswordHasherTest {

    @Test
    void samePasswordTwiceGivesDifferentHashes() {
        assertNotEquals(PasswordHasher.hash("secret"), PasswordHasher.hash("secret"));
    }

    @Test
    void verifyAcceptsTheRightPassword() {
        assertTrue(PasswordHasher.verify("secret", PasswordHasher.hash("secret")));
    }

    @Test
    void verifyRejectsAWrongPassword() {
        assertFalse(PasswordHasher.verify("Secret", PasswordHasher.hash("secret")));
    }

    @Test
    void eachSaltedHashVerifiesItsPassword() {
        String first = PasswordHasher.hash("pw");
        String second = PasswordHasher.hash("pw");
        assertTrue(PasswordHasher.verify("pw", first));
        assertTrue(PasswordHasher.verify("pw", second));
    }

    @Test
    void hashDoesNotContainThePassword() {
        assertFalse(PasswordHasher.hash("plaintext-password").contains("plaintext-password"));
    }

    @Test
    void verifyRejectsAMalformedStoredValue() {
        assertFalse(PasswordHasher.verify("secret", "secret"));
    }
}
