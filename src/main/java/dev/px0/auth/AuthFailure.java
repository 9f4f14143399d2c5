package dev.px0.auth;

import java.time.Duration;

/** Why an account operation was refused. Typed, so the HTTP layer maps each reason in one place. */
public final class AuthFailure extends RuntimeException {

    /** The reasons, each with one answer in {@link AuthRoutes}. */
    public enum Reason {
        INVALID_CREDENTIALS,
        EMAIL_TAKEN,
        WEAK_PASSWORD,
        INVALID_VERIFICATION_CODE,
        INVALID_RESET_CODE,
        TOO_MANY_REQUESTS,
        TOO_MANY_ATTEMPTS,
        REGISTRATION_CLOSED,
        FORBIDDEN,
        SESSION_NOT_FOUND,
        LAST_ADMIN
    }

    private final Reason reason;
    private final Duration retryAfter;

    private AuthFailure(Reason reason, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public static AuthFailure of(Reason reason) {
        return new AuthFailure(reason, reason.name().toLowerCase(), Duration.ZERO);
    }

    /** A password the policy refuses, with the policy's message. */
    public static AuthFailure weakPassword(String message) {
        return new AuthFailure(Reason.WEAK_PASSWORD, message, Duration.ZERO);
    }

    public static AuthFailure tooManyRequests(Duration retryAfter) {
        return new AuthFailure(Reason.TOO_MANY_REQUESTS, "too many requests", retryAfter);
    }

    /** The caller is the last admin of these projects (slugs), so the account cannot go. */
    public static AuthFailure lastAdmin(java.util.List<String> projects) {
        return new AuthFailure(Reason.LAST_ADMIN, "a project needs an admin: you are the last admin of "
                + String.join(", ", projects), Duration.ZERO);
    }

    /** The account's failure lock (see {@link LoginThrottle}) holds: no password was checked. */
    public static AuthFailure tooManyAttempts(Duration retryAfter) {
        return new AuthFailure(Reason.TOO_MANY_ATTEMPTS, "too many attempts", retryAfter);
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
