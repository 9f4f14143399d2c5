package dev.px0.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.px0.config.InvalidSettingException;
import dev.px0.config.Section;
import dev.px0.user.EmailAddress;

import io.helidon.config.Config;

/**
 * The settings of sign-in and accounts, read from {@code px0} ({@code px0.session.ttl}, {@code px0.scrypt.*},
 * {@code px0.hash.*}, {@code px0.admin.*}, {@code px0.registration}, {@code px0.password.min.length},
 * {@code px0.login.*}, {@code px0.account.ip.limit}).
 */
public record AuthSettings(
        Duration sessionTtl,
        ScryptParams scrypt,
        int hashConcurrency,
        Duration hashQueueTimeout,
        Optional<Admin> admin,
        boolean registrationOpen,
        int passwordMinLength,
        int loginMaxFailures,
        Duration loginFailureWindow,
        int loginIpLimit,
        int accountIpLimit) {

    /** The first admin created at start-up when its email is free. */
    public record Admin(String email, String password) {
        @Override
        public String toString() {
            return "Admin[email=" + email + ", password=<hidden>]";
        }
    }

    /** Reads and checks the keys of sign-in and accounts under {@code px0}. */
    public static AuthSettings from(Config px0) {
        Section in = new Section(px0);
        int n = in.read("scrypt.n", AuthSettings::powerOfTwo, "a power of two from 2 to 2^24, such as 32768");
        int r = in.read("scrypt.r", s -> Section.intIn(s, 1, 64), "a whole number from 1 to 64");
        int p = in.read("scrypt.p", s -> Section.intIn(s, 1, 64), "a whole number from 1 to 64");
        String adminEmail = in.read("admin.email", Function.identity(), "an email address");
        String adminPassword = in.secret("admin.password");
        Duration sessionTtl = in.read("session.ttl", Section::wholeSeconds,
                                      "an ISO-8601 duration of whole seconds, at least PT1S, such as PT24H");
        int hashConcurrency = in.read("hash.concurrency", s -> Section.intIn(s, 0, 1024),
                                      "a whole number from 0 (= number of cores) to 1024");
        Duration hashQueueTimeout = in.read("hash.queue.timeout", s -> Section.duration(s, Duration.ZERO),
                                            "an ISO-8601 duration such as PT2S");
        Optional<Admin> admin = admin(adminEmail, adminPassword);
        return new AuthSettings(
                sessionTtl,
                ScryptParams.of(n, r, p),
                hashConcurrency,
                hashQueueTimeout,
                admin,
                in.read("registration", AuthSettings::registration, "open or closed"),
                in.read("password.min.length", s -> Section.intIn(s, 8, 64), "a whole number from 8 to 64"),
                in.read("login.max.failures", s -> Section.intIn(s, 1, 1_000_000), "a whole number of at least 1"),
                in.read("login.failure.window", s -> Section.duration(s, Duration.ofSeconds(1)),
                        "an ISO-8601 duration of at least PT1S, such as PT15M"),
                in.read("login.ip.limit", s -> Section.intIn(s, 1, 1_000_000),
                        "a whole number of attempts a minute, at least 1"),
                in.read("account.ip.limit", s -> Section.intIn(s, 1, 1_000_000),
                        "a whole number of requests a minute, at least 1"));
    }

    /** Hash slots per node: the configured number, or one per core. */
    public int effectiveHashConcurrency() {
        return hashConcurrency == 0 ? Runtime.getRuntime().availableProcessors() : hashConcurrency;
    }

    private static Optional<Admin> admin(String email, String password) {
        if (email.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (email.isEmpty() || password.isEmpty()) {
            throw new InvalidSettingException("PX0_ADMIN_EMAIL and PX0_ADMIN_PASSWORD must be set together");
        }
        if (!EmailAddress.isValid(email)) {
            throw new InvalidSettingException("PX0_ADMIN_EMAIL (px0.admin.email) must be a valid email address");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw new InvalidSettingException("PX0_ADMIN_PASSWORD (px0.admin.password) must be at most "
                                                      + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        }
        return Optional.of(new Admin(email, password));
    }

    private static boolean registration(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new IllegalArgumentException();
        };
    }

    private static int powerOfTwo(String value) {
        int n = Section.intIn(value, 2, 1 << 24);
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException();
        }
        return n;
    }
}
