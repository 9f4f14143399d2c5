package dev.px0.auth;

import dev.px0.http.ApiException;
import dev.px0.http.Bearer;

import io.helidon.webserver.http.ServerRequest;

/** Turns {@code Authorization: Bearer …} into the caller, for every route that needs one: one Redis GET. */
public final class Callers {

    private final AuthService auth;

    public Callers(AuthService auth) {
        this.auth = auth;
    }

    /** The caller, or {@code 401 unauthorized}. */
    public Caller require(ServerRequest req) {
        return Bearer.token(req).flatMap(auth::authenticate).orElseThrow(ApiException::unauthorized);
    }
}
