package dev.px0.auth;

import java.nio.charset.StandardCharsets;

import dev.px0.http.ApiException;
import dev.px0.http.Bearer;
import dev.px0.http.HttpErrors;
import dev.px0.http.JsonBody;
import dev.px0.http.JsonResponses;
import dev.px0.user.EmailAddress;
import dev.px0.user.User;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

/** {@code /v1/auth}: login, the caller's account, logout. Reads the request, calls {@link AuthService}, maps. */
public final class AuthRoutes implements HttpService {

    private final AuthService auth;

    public AuthRoutes(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/login", this::login)
                .any("/login", HttpErrors.methodNotAllowed(Method.POST))
                .get("/me", this::me)
                .any("/me", HttpErrors.methodNotAllowed(Method.GET))
                .delete("/session", this::logout)
                .any("/session", HttpErrors.methodNotAllowed(Method.DELETE));
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonBody.object(req);
        String email = JsonBody.string(body, "email");
        String password = JsonBody.string(body, "password");
        if (!EmailAddress.isValid(email)
                || password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw ApiException.invalidRequestBody();
        }
        switch (auth.login(email, password)) {
            case AuthService.LoginOutcome.Success s -> JsonResponses.sendPrivate(res, Status.OK_200, JsonResponses.object()
                    .add("token", s.token().token())
                    .add("expires_at", JsonResponses.timestamp(s.token().expiresAt()))
                    .add("user", JsonResponses.user(s.user()))
                    .build());
            case AuthService.LoginOutcome.InvalidCredentials i ->
                    throw new ApiException(Status.UNAUTHORIZED_401, "invalid credentials");
            case AuthService.LoginOutcome.NotVerified n ->
                    throw new ApiException(Status.FORBIDDEN_403, "user is not verified");
        }
    }

    private void me(ServerRequest req, ServerResponse res) {
        User user = Bearer.token(req).flatMap(auth::authenticate).orElseThrow(ApiException::unauthorized);
        JsonResponses.sendPrivate(res, Status.OK_200, JsonResponses.object().add("user", JsonResponses.user(user)).build());
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Bearer.token(req).ifPresent(auth::logout);
        res.status(Status.NO_CONTENT_204).send();
    }
}
