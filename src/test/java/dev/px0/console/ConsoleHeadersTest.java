package dev.px0.console;

import java.util.List;
import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.Px0ServerTest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Every console and Swagger UI answer (found or not) carries the security headers; the API's answers are left alone. */
@ServerTest
class ConsoleHeadersTest extends Px0ServerTest {

    ConsoleHeadersTest(Http1Client client) {
        super(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console/", "/console/index.html", "/console/app.css", "/console/js/app.js",
            "/console/js/views/prompt.js", "/console/favicon.svg", "/console/missing.js", "/openapi/ui",
            "/openapi/ui/", "/openapi/ui/px0-swagger.js", "/openapi/ui/swagger-ui-bundle.js",
            "/openapi/ui/swagger-ui.css", "/openapi/ui/missing.css"})
    void everyConsoleAnswerCarriesTheSecurityHeaders(String path) {
        Api.Reply reply = api.send(Method.GET, path, null, Map.of());

        String csp = reply.header(HeaderNames.create("Content-Security-Policy"));
        assertThat(path, csp, is(ConsoleRoutes.CSP));
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "style-src 'self'",
                                        "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'")) {
            assertThat(csp, containsString(directive));
        }
        assertThat(csp, not(containsString("unsafe")));
        assertThat(reply.header(HeaderNames.X_CONTENT_TYPE_OPTIONS), is("nosniff"));
        assertThat(reply.header(HeaderNames.create("Referrer-Policy")), is("no-referrer"));
        assertThat(reply.header(HeaderNames.create("X-Frame-Options")), is("DENY"));
    }

    @Test
    void theRootIsTheConsoleAndItsFilesHaveTheirTypes() {
        Api.Reply root = api.send(Method.GET, "/", null, Map.of());
        assertThat(root.status(), is(200));
        assertThat(root.header(HeaderNames.CONTENT_TYPE), startsWith("text/html"));
        assertThat(root.body(), containsString("<script type=\"module\" src=\"/console/js/app.js\"></script>"));
        assertThat(api.send(Method.GET, "/console/js/app.js", null, Map.of()).header(HeaderNames.CONTENT_TYPE),
                   startsWith("text/javascript"));
        assertThat(api.send(Method.GET, "/console/app.css", null, Map.of()).header(HeaderNames.CONTENT_TYPE),
                   startsWith("text/css"));
        Api.assertError(api.send(Method.GET, "/console/missing.js", null, Map.of()), 404, "not found");
    }

    @Test
    void noConsoleFileHasInlineScriptOrStyle() {
        for (String path : List.of("/", "/openapi/ui/")) {
            String html = api.send(Method.GET, path, null, Map.of()).body();
            assertThat(path, html.replaceAll("<script [^>]*src=\"[^\"]+\"[^>]*></script>", ""),
                       not(containsString("<script")));
            assertThat(path, html, not(containsString("style=")));
            assertThat(path, html, not(containsString("<style")));
        }
    }

    @Test
    void theApiKeepsItsOwnHeaders() {
        Api.Reply health = api.send(Method.GET, "/v1/health", null, Map.of());
        assertThat(health.header(HeaderNames.create("Content-Security-Policy")), is(nullValue()));
    }
}
