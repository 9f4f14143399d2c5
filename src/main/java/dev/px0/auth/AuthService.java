package dev.px0.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.px0.http.ApiException;
import dev.px0.user.User;
import dev.px0.user.UserStore;
import dev.px0.user.UserStore.Credentials;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/** Login, token checks and logout. Knows nothing of HTTP. */
final class AuthService {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final Attributes SUCCESS = Attributes.of(OUTCOME, "success");
    private static final Attributes INVALID = Attributes.of(OUTCOME, "invalid");
    private static final Attributes UNVERIFIED = Attributes.of(OUTCOME, "unverified");
    private static final Attributes LOCKED = Attributes.of(OUTCOME, "locked");
    private static final Attributes BUSY = Attributes.of(OUTCOME, "busy");

    private final UserStore users;
    private final TokenStore tokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LongCounter attempts;

    AuthService(UserStore users, TokenStore tokens, PasswordHasher hasher, LoginThrottle throttle, Meter meter) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.attempts = meter.counterBuilder("px0.login.attempts")
                .setDescription("Login attempts, by outcome: success, invalid, unverified, locked, busy")
                .build();
    }

    /** What a login attempt comes to. */
    public sealed interface LoginOutcome {
        /** The password is right and the account verified: here is a new token. */
        record Success(User user, TokenStore.IssuedToken token) implements LoginOutcome {
        }

        /** Unknown email or wrong password: deliberately not told apart. */
        record InvalidCredentials() implements LoginOutcome {
        }

        /** The password is right but the email is not verified yet. */
        record NotVerified() implements LoginOutcome {
        }

        /** Too many failures for this email, or too many attempts from this address: nothing was checked. */
        record Throttled(Duration retryAfter) implements LoginOutcome {
        }
    }

    /**
     * Checks an email and password, unless the client address or the email is throttled (see {@link LoginThrottle}).
     * An unknown email costs the same work as a wrong password (one database
     * query and one hash), so neither the answer nor its timing tells which emails exist. A successful check
     * re-hashes a password stored with other than the configured parameters.
     *
     * @throws ApiException {@code 503 server busy} when no hash slot frees up in time
     */
    public LoginOutcome login(String email, String password, String userAgent, String ip) {
        LoginOutcome outcome;
        try {
            outcome = attempt(email, password, userAgent, ip);
        } catch (ApiException e) {
            if (AuthErrors.isServerBusy(e)) {
                attempts.add(1, BUSY);
            }
            throw e;
        }
        attempts.add(1, switch (outcome) {
            case LoginOutcome.Success s -> SUCCESS;
            case LoginOutcome.InvalidCredentials i -> INVALID;
            case LoginOutcome.NotVerified n -> UNVERIFIED;
            case LoginOutcome.Throttled t -> LOCKED;
        });
        return outcome;
    }

    private LoginOutcome attempt(String email, String password, String userAgent, String ip) {
        Optional<Duration> wait = throttle.countAttemptFrom(ip).or(() -> throttle.lockOf(email));
        if (wait.isPresent()) {
            return new LoginOutcome.Throttled(wait.get());
        }
        long generation = tokens.generation(email); // before the password is read: see TokenStore.generation
        Optional<Credentials> found = users.findByEmail(email);
        if (found.isEmpty()) {
            hasher.verifyDummy(password);
            throttle.recordFailure(email);
            return new LoginOutcome.InvalidCredentials();
        }
        Credentials credentials = found.get();
        if (!hasher.verify(password, credentials.passwordHash())) {
            throttle.recordFailure(email);
            return new LoginOutcome.InvalidCredentials();
        }
        throttle.clear(email);
        User user = credentials.user();
        if (hasher.needsRehash(credentials.passwordHash())) {
            users.replacePasswordHash(user.id(), credentials.passwordHash(), hasher.hash(password));
        }
        if (!user.verified()) {
            return new LoginOutcome.NotVerified();
        }
        return tokens.issue(user, userAgent, ip, generation)
                .<LoginOutcome>map(token -> new LoginOutcome.Success(user, token))
                .orElseGet(LoginOutcome.InvalidCredentials::new); // the password changed while it was checked
    }

    /**
     * Sets the dummy hash for unknown emails to the parameters most accounts' hashes have (the configured ones
     * when there are no accounts yet), so an unknown email costs what a wrong password costs for most accounts.
     */
    public void calibrateDummyHash() {
        hasher.matchDummyTo(users.mostCommonHashParameters()
                                    .flatMap(PasswordHasher::paramsOf)
                                    .orElse(hasher.params()));
    }

    /** The caller behind a live token. */
    public Optional<Caller> authenticate(String token) {
        return tokens.callerOf(token);
    }

    /** The caller's live sessions, newest first. */
    public List<TokenStore.SessionInfo> sessions(Caller caller) {
        return tokens.sessions(caller.user().id());
    }

    /** Ends one of the caller's sessions. */
    public void endSession(Caller caller, String sessionId) {
        if (!tokens.revoke(caller.user().id(), sessionId)) {
            throw AuthErrors.sessionNotFound();
        }
    }

    /** Ends every session of the caller but the current one. */
    public void endOtherSessions(Caller caller) {
        tokens.revokeAll(caller.user(), caller.sessionId());
    }

    /** Ends the token's session everywhere; a token that is not live is ignored. */
    public void logout(String token) {
        tokens.revoke(token);
    }

    /**
     * Creates the first admin, verified, unless an account with that email exists. Safe to repeat and safe with
     * several nodes starting at once. An existing account is left as it is (its password is not reset, nor
     * hashed). True when this call created it.
     */
    public boolean ensureAdmin(String email, String password) {
        if (users.existsByEmail(email)) {
            return false;
        }
        return users.createIfAbsent(email, hasher.hash(password), true, true);
    }
}
