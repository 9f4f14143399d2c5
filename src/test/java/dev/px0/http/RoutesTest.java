package dev.px0.http;

import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.Px0ServerTest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Every path px0 routes ({@link Routes}) answers a method it does not take with {@code 405 method not allowed} and
 * {@code Allow} naming the methods it does, in the order GET, POST, PUT, DELETE: the answers each routes class wrote
 * by hand before {@link Routes} declared them once per path.
 */
@ServerTest
class RoutesTest extends Px0ServerTest {

    private static final String PROMPT = "/v1/projects/p/prompts/q";

    RoutesTest(Http1Client client) {
        super(client);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "/v1/auth/login|POST",
            "/v1/auth/me|GET, DELETE",
            "/v1/auth/me/password|POST",
            "/v1/auth/session|DELETE",
            "/v1/auth/sessions|GET, DELETE",
            "/v1/auth/sessions/s|DELETE",
            "/v1/auth/register|POST",
            "/v1/auth/verify-email|GET, POST",
            "/v1/auth/password-reset/trigger|POST",
            "/v1/auth/password-reset/reset|POST",
            "/v1/projects|GET, POST",
            "/v1/projects/p|GET",
            "/v1/projects/p/members|GET, POST",
            "/v1/projects/p/members/u|PUT, DELETE",
            "/v1/projects/p/api-keys|GET, POST",
            "/v1/projects/p/api-keys/k|DELETE",
            "/v1/projects/p/audit|GET",
            "/v1/projects/p/events|GET",
            "/v1/projects/p/prompts|GET, POST",
            PROMPT + "|GET, DELETE",
            PROMPT + "/render|POST",
            PROMPT + "/versions|GET, POST",
            PROMPT + "/versions/1|GET",
            PROMPT + "/versions/1/diff/2|GET",
            PROMPT + "/labels/l|PUT, DELETE",
            PROMPT + "/labels/l/history|GET",
            "/v1/cache/purge|POST",
            "/v1/health|GET",
            "/openapi|GET",
            "/observe/metrics|GET",
    })
    void anotherMethodIsNotAllowedAndAllowNamesThePathsMethods(String path, String allow) {
        Api.Reply reply = api.send(Method.PATCH, path, "{}", Map.of());
        assertError(reply, 405, "method not allowed");
        assertThat(reply.header(HeaderNames.ALLOW), is(allow));
    }
}
