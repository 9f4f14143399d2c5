package dev.px0.testing;

import java.io.StringReader;
import java.util.Map;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webclient.http1.Http1Client;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** A thin, readable client for px0's API in tests: a request in, status + headers + body out. */
public final class Api {

    private final Http1Client client;

    public Api(Http1Client client) {
        this.client = client;
    }

    /** What came back. */
    public record Reply(int status, Headers headers, String body) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String header(HeaderName name) {
            return headers.contains(name) ? headers.get(name).get() : null;
        }

        public String error() {
            return json().getString("error");
        }
    }

    /** Asserts the JSON error the contract documents: status, content type and exactly {"error": message}. */
    public static void assertError(Reply reply, int status, String message) {
        assertThat(reply.body(), reply.status(), is(status));
        assertThat(reply.header(HeaderNames.CONTENT_TYPE), startsWith("application/json"));
        assertThat(reply.json(), is(Json.createObjectBuilder().add("error", message).build()));
    }

    public Reply login(String email, String password) {
        return send(Method.POST, "/v1/auth/login",
                    Json.createObjectBuilder().add("email", email).add("password", password).build().toString(),
                    Map.of(HeaderNames.CONTENT_TYPE, "application/json"));
    }

    /** Logs in and returns the token, failing the test when the login does not succeed. */
    public String token(String email, String password) {
        Reply reply = login(email, password);
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return reply.json().getString("token");
    }

    /** A JSON request, with a bearer token when {@code token} is not null. */
    public Reply json(Method method, String path, String token, String body) {
        Map<HeaderName, String> headers = new java.util.HashMap<>();
        headers.put(HeaderNames.CONTENT_TYPE, "application/json");
        if (token != null) {
            headers.put(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return send(method, path, body, headers);
    }

    public Reply me(String token) {
        return send(Method.GET, "/v1/auth/me", null, Map.of(HeaderNames.AUTHORIZATION, "Bearer " + token));
    }

    public Reply logout(String token) {
        return send(Method.DELETE, "/v1/auth/session", null, Map.of(HeaderNames.AUTHORIZATION, "Bearer " + token));
    }

    public Reply send(Method method, String path, String body, Map<HeaderName, String> headers) {
        Http1ClientRequest request = request(method, path);
        headers.forEach(request::header);
        try (Http1ClientResponse response = body == null ? request.request() : request.submit(body)) {
            return checked(method, path, reply(response));
        }
    }

    /** A request to a path that may carry a query ({@code /x?a=b}). */
    private Http1ClientRequest request(Method method, String path) {
        int q = path.indexOf('?');
        if (q < 0) {
            return client.method(method).path(path);
        }
        Http1ClientRequest request = client.method(method).path(path.substring(0, q));
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            request.queryParam(pair.substring(0, eq < 0 ? pair.length() : eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return request;
    }

    /** Every response a test sees is also checked against the OpenAPI document. */
    private static Reply checked(Method method, String path, Reply reply) {
        Contract.check(method.text(), path, reply);
        return reply;
    }

    private static Reply reply(Http1ClientResponse response) {
        String body = response.entity().hasEntity() ? response.as(String.class) : "";
        return new Reply(response.status().code(), response.headers(), body);
    }

    public Reply sendBytes(Method method, String path, byte[] body, Map<HeaderName, String> headers) {
        Http1ClientRequest request = request(method, path);
        headers.forEach(request::header);
        try (Http1ClientResponse response = request.submit(body)) {
            return checked(method, path, reply(response));
        }
    }
}
