package dev.px0.auth;

import java.time.Duration;
import java.util.List;

import dev.px0.http.ApiException;

import io.helidon.http.Status;

/** Every refusal of an account operation, each built here once (answered by px0's one error handler). */
final class AuthErrors {

    private AuthErrors() {
    }

    /** Unknown email or wrong password: deliberately not told apart. */
    static ApiException invalidCredentials() {
        return new ApiException(Status.UNAUTHORIZED_401, "invalid credentials");
    }

    static ApiException notVerified() {
        return new ApiException(Status.FORBIDDEN_403, "user is not verified");
    }

    static ApiException emailTaken() {
        return ApiException.conflict("email already registered");
    }

    /** A password the policy refuses, with the policy's message. */
    static ApiException weakPassword(String message) {
        return ApiException.badRequest(message);
    }

    static ApiException invalidVerificationCode() {
        return ApiException.badRequest("invalid verification code");
    }

    static ApiException invalidResetCode() {
        return ApiException.badRequest("invalid reset code");
    }

    static ApiException registrationClosed() {
        return new ApiException(Status.FORBIDDEN_403, "registration is closed");
    }

    static ApiException sessionNotFound() {
        return ApiException.notFound("session not found");
    }

    /** The caller is the last admin of these projects (slugs), so the account cannot go. */
    static ApiException lastAdmin(List<String> projects) {
        return ApiException.conflict("a project needs an admin: you are the last admin of " + String.join(", ", projects));
    }

    /** Past a send or per-address limit ({@link CodeStore}, {@link AccountLimit}). */
    static ApiException tooManyRequests(Duration retryAfter) {
        return ApiException.tooManyRequests("too many requests", retryAfter);
    }

    /** The account's failure lock or the address's login limit holds ({@link LoginThrottle}): no password was checked. */
    static ApiException tooManyAttempts(Duration retryAfter) {
        return ApiException.tooManyRequests("too many attempts", retryAfter);
    }

    /** No password-hash slot freed up within the queue timeout: the node is saturated, the client should retry. */
    static ApiException serverBusy() {
        return ApiException.unavailable("server busy");
    }

    /** Whether the refusal is {@link #serverBusy}. */
    static boolean isServerBusy(ApiException e) {
        return e.status() == Status.SERVICE_UNAVAILABLE_503 && "server busy".equals(e.getMessage());
    }
}
