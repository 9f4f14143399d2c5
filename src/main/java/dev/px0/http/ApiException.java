package dev.px0.http;

import io.helidon.http.Status;

/**
 * A refusal with a status and the exact lower-case message the client sees as {@code {"error": message}}.
 * Cheap: no stack trace, since it is control flow, not a bug.
 */
public class ApiException extends RuntimeException {

    private final Status status;

    public ApiException(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public static ApiException invalidRequestBody() {
        return new ApiException(Status.BAD_REQUEST_400, "invalid request body");
    }

    public static ApiException unauthorized() {
        return new ApiException(Status.UNAUTHORIZED_401, "unauthorized");
    }
}
