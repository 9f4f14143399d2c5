package dev.px0.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.nulabinc.zxcvbn.StandardDictionaries;

/**
 * Rules for a new password, after NIST SP 800-63B and OWASP ASVS 5 (V6.2): a minimum length
 * ({@code PX0_PASSWORD_MIN_LENGTH}, default 8 characters), a maximum far above 64 characters (1,024 bytes), no
 * composition rules, and no password from a list of common ones: zxcvbn's 30,000 most common passwords
 * ({@code com.nulab-inc:zxcvbn}, from leaked-password corpora), compared case-insensitively.
 */
final class PasswordPolicy {

    private static final Set<String> COMMON = load();

    private final int minLength;

    PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** Why the password is refused, as the message the client sees; empty when it is acceptable. */
    public Optional<String> violation(String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("password must be at least " + minLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            return Optional.of("password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("password is too common");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        try {
            return Set.copyOf(StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary().keySet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the list of common passwords", e);
        }
    }
}
