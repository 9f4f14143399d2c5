package dev.px0.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.Px0ServerTest;
import dev.px0.testing.Contract;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** px0's OpenAPI document: served at /openapi, carrying the seed login contract unchanged, and actually enforced. */
@ServerTest
class OpenApiDocumentTest extends Px0ServerTest {

    OpenApiDocumentTest(Http1Client client) {
        super(client);
    }

    @Test
    void servedAtOpenapi() throws IOException {
        Api.Reply reply = api.send(Method.GET, "/openapi", null, Map.of());

        assertThat(reply.status(), is(200));
        assertThat(reply.header(HeaderNames.CONTENT_TYPE), startsWith("application/yaml"));
        assertThat(reply.body(), is(resource("openapi/px0.yaml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void seedLoginContractIsIncludedUnchanged() throws IOException {
        Map<String, Object> seed = new Yaml().load(resource("seed-login.openapi.yaml"));
        Map<String, Object> doc = new Yaml().load(resource("openapi/px0.yaml"));

        for (String key : new String[] {"openapi", "info", "servers", "security"}) {
            assertThat(key, doc.get(key), is(seed.get(key)));
        }
        Map<String, Object> seedPaths = (Map<String, Object>) seed.get("paths");
        Map<String, Object> docPaths = (Map<String, Object>) doc.get("paths");
        seedPaths.forEach((path, operations) -> assertThat(path, docPaths.get(path), is(operations)));
        Map<String, Object> seedSchemas = (Map<String, Object>) ((Map<String, Object>) seed.get("components")).get("schemas");
        Map<String, Object> docSchemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        seedSchemas.forEach((name, schema) -> assertThat(name, docSchemas.get(name), is(schema)));
    }

    @Test
    void contractCheckRefusesAResponseThatDoesNotMatch() {
        WritableHeaders<?> headers = WritableHeaders.create();
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        Api.Reply userWithoutFields = new Api.Reply(200, headers, "{\"user\": {\"id\": 42}}");
        Api.Reply undocumentedStatus = new Api.Reply(418, headers, "{\"error\": \"teapot\"}");

        assertThrows(AssertionError.class, () -> Contract.check("GET", "/v1/auth/me", userWithoutFields));
        assertThrows(AssertionError.class, () -> Contract.check("POST", "/v1/auth/login", undocumentedStatus));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
