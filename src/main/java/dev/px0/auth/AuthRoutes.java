package dev.px0.auth;

import static dev.px0.http.Routes.delete;
import static dev.px0.http.Routes.get;
import static dev.px0.http.Routes.post;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.px0.http.ApiException;
import dev.px0.http.Bearer;
import dev.px0.http.ClientAddress;
import dev.px0.http.JsonBody;
import dev.px0.http.JsonResponses;
import dev.px0.http.Routes;
import dev.px0.user.EmailAddress;
import dev.px0.user.User;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * {@code /v1/auth}: login, the caller's account and sessions, registration, verification and password reset.
 * Each handler reads the request, calls {@link AuthService} or {@link AccountService}, and maps the outcome;
 * Every refusal is one of {@link AuthErrors}.
 */
final class AuthRoutes implements HttpService {

    private static final int MAX_USER_AGENT = 256;

    private final AuthService auth;
    private final AccountService accounts;
    private final ClientAddress clients;
    private final AccountLimit limit;
    private final Callers callers;

    AuthRoutes(AuthService auth, AccountService accounts, ClientAddress clients, AccountLimit limit) {
        this.auth = auth;
        this.accounts = accounts;
        this.clients = clients;
        this.limit = limit;
        this.callers = new Callers(auth);
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/login", post(this::login))
                .path("/me", get(this::me), delete(this::deleteAccount))
                .path("/me/password", post(this::changePassword))
                .path("/session", delete(this::logout))
                .path("/sessions", get(this::sessions), delete(this::endOtherSessions))
                .path("/sessions/{id}", delete(this::endSession))
                .path("/register", post(this::register))
                .path("/verify-email", post(this::verifyEmail), get(this::resendVerification))
                .path("/password-reset/trigger", post(this::triggerReset))
                .path("/password-reset/reset", post(this::resetPassword));
    }

    private void login(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonBody.object(req);
        String email = JsonBody.string(body, "email");
        String password = JsonBody.string(body, "password");
        if (!EmailAddress.isValid(email)
                || password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw ApiException.invalidRequestBody();
        }
        switch (auth.login(email, password, userAgent(req), clients.of(req))) {
            case AuthService.LoginOutcome.Success s -> JsonResponses.sendPrivate(res, Status.OK_200, JsonResponses.object()
                    .add("token", s.token().token())
                    .add("expires_at", JsonResponses.timestamp(s.token().expiresAt()))
                    .add("user", user(s.user()))
                    .build());
            case AuthService.LoginOutcome.InvalidCredentials i -> throw AuthErrors.invalidCredentials();
            case AuthService.LoginOutcome.NotVerified n -> throw AuthErrors.notVerified();
            case AuthService.LoginOutcome.Throttled t -> throw AuthErrors.tooManyAttempts(t.retryAfter());
        }
    }

    private void me(ServerRequest req, ServerResponse res) {
        User user = caller(req).user();
        JsonResponses.sendPrivate(res, Status.OK_200, JsonResponses.object().add("user", user(user)).build());
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Bearer.token(req).ifPresent(auth::logout);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void sessions(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req);
        JsonArrayBuilder sessions = JsonResponses.array();
        for (TokenStore.SessionInfo s : auth.sessions(caller)) {
            sessions.add(JsonResponses.object()
                                 .add("id", s.id())
                                 .add("created_at", JsonResponses.timestamp(s.createdAt()))
                                 .add("expires_at", JsonResponses.timestamp(s.expiresAt()))
                                 .add("user_agent", s.userAgent())
                                 .add("ip", s.ip())
                                 .add("current", s.id().equals(caller.sessionId())));
        }
        JsonResponses.sendPrivate(res, Status.OK_200, JsonResponses.object().add("sessions", sessions).build());
    }

    private void endSession(ServerRequest req, ServerResponse res) {
        auth.endSession(caller(req), req.path().pathParameters().get("id"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void endOtherSessions(ServerRequest req, ServerResponse res) {
        auth.endOtherSessions(caller(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void register(ServerRequest req, ServerResponse res) {
        Optional<User> creator = Bearer.present(req) ? Optional.of(caller(req).user()) : Optional.empty();
        if (creator.map(c -> !c.admin()).orElse(true)) {
            limit(req); // a system admin creating accounts is not held back
        }
        JsonObject body = JsonBody.object(req);
        String email = JsonBody.string(body, "email");
        String password = JsonBody.string(body, "password");
        boolean admin = optionalBoolean(body, "is_admin");
        requireEmail(email);
        User user = accounts.register(email, password, admin, creator);
        JsonResponses.sendPrivate(res, Status.CREATED_201, JsonResponses.object().add("user", user(user)).build());
    }

    private void verifyEmail(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonBody.object(req);
        String email = JsonBody.string(body, "email");
        String code = JsonBody.string(body, "code");
        requireEmail(email);
        accounts.verifyEmail(email, code);
        message(res, "email verified successfully");
    }

    private void resendVerification(ServerRequest req, ServerResponse res) {
        limit(req);
        String email = req.query().first("email").orElseThrow(ApiException::invalidRequestBody).strip();
        requireEmail(email);
        accounts.resendVerification(email);
        message(res, "if the account exists and is not verified, a new verification code has been sent");
    }

    private void triggerReset(ServerRequest req, ServerResponse res) {
        limit(req);
        String email = JsonBody.string(JsonBody.object(req), "email");
        requireEmail(email);
        accounts.triggerPasswordReset(email);
        message(res, "if the account exists, a password reset code has been sent");
    }

    private void resetPassword(ServerRequest req, ServerResponse res) {
        limit(req);
        JsonObject body = JsonBody.object(req);
        String email = JsonBody.string(body, "email");
        String code = JsonBody.string(body, "code");
        String newPassword = JsonBody.string(body, "new_password");
        requireEmail(email);
        accounts.resetPassword(email, code, newPassword);
        message(res, "password has been reset");
    }

    private void changePassword(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req);
        limit(req);
        JsonObject body = JsonBody.object(req);
        String current = JsonBody.string(body, "current_password");
        String next = JsonBody.string(body, "new_password");
        if (tooLong(current)) {
            throw AuthErrors.invalidCredentials();
        }
        accounts.changePassword(caller, current, next);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void deleteAccount(ServerRequest req, ServerResponse res) {
        Caller caller = caller(req);
        limit(req);
        String password = JsonBody.string(JsonBody.object(req), "password");
        if (tooLong(password)) {
            throw AuthErrors.invalidCredentials();
        }
        accounts.deleteAccount(caller, password);
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The per-address limit of the account endpoints (see {@link AccountLimit}): 429 past it. */
    private void limit(ServerRequest req) {
        limit.count(clients.of(req));
    }

    private Caller caller(ServerRequest req) {
        return callers.require(req);
    }

    private static void requireEmail(String email) {
        if (!EmailAddress.isValid(email)) {
            throw new ApiException(Status.BAD_REQUEST_400, "invalid email format");
        }
    }

    private static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES;
    }

    private static boolean optionalBoolean(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null) {
            return false;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw ApiException.invalidRequestBody();
    }

    /** A user exactly as the contract's {@code User} schema shows it. */
    private static JsonObject user(User user) {
        return JsonResponses.object()
                .add("id", user.id().toString())
                .add("email", user.email())
                .add("is_verified", user.verified())
                .add("is_admin", user.admin())
                .add("created_at", JsonResponses.timestamp(user.createdAt()))
                .build();
    }

    private static void message(ServerResponse res, String message) {
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("message", message).build());
    }

    private static String userAgent(ServerRequest req) {
        String ua = req.headers().first(HeaderNames.USER_AGENT).orElse("");
        return ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua;
    }
}
