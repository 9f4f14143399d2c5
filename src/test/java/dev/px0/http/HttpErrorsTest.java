package dev.px0.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import dev.px0.Px0;
import dev.px0.testing.Api;
import dev.px0.testing.Px0ServerTest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.testing.junit5.ServerTest;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** JSON errors everywhere: unknown paths, wrong methods, oversized bodies, malformed HTTP. Never HTML. */
@ServerTest
class HttpErrorsTest extends Px0ServerTest {

    private final int port;

    HttpErrorsTest(Http1Client client, WebServer server) {
        super(client);
        this.port = server.port();
    }

    @Test
    void unknownPathIsNotFound() {
        assertError(api.send(Method.GET, "/nope", null, Map.of()), 404, "not found");
        assertError(api.send(Method.POST, "/v1/auth/unknown", "{}", Map.of()), 404, "not found");
        assertError(api.send(Method.POST, "/", "{}", Map.of()), 404, "not found"); // GET / is the console
        assertError(api.send(Method.GET, "/console/missing.js", null, Map.of()), 404, "not found");
    }

    @Test
    void wrongMethodIsMethodNotAllowedWithAllow() {
        Api.Reply login = api.send(Method.GET, "/v1/auth/login", null, Map.of());
        assertError(login, 405, "method not allowed");
        assertThat(login.header(HeaderNames.ALLOW), is("POST"));

        Api.Reply me = api.send(Method.POST, "/v1/auth/me", "{}", Map.of());
        assertError(me, 405, "method not allowed");
        assertThat(me.header(HeaderNames.ALLOW), is("GET, DELETE"));

        Api.Reply session = api.send(Method.GET, "/v1/auth/session", null, Map.of());
        assertError(session, 405, "method not allowed");
        assertThat(session.header(HeaderNames.ALLOW), is("DELETE"));

        assertError(api.send(Method.DELETE, "/v1/health", null, Map.of()), 405, "method not allowed");
    }

    @Test
    void bodyOverTheLimitIsPayloadTooLarge() {
        byte[] body = new byte[(int) Px0.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        assertError(api.sendBytes(Method.POST, "/v1/auth/login", body,
                                  Map.of(HeaderNames.CONTENT_TYPE, "application/json")),
                    413, "payload too large");
    }

    @Test
    void chunkedBodyOverTheLimitIsPayloadTooLarge() throws IOException {
        String chunk = " ".repeat(16 * 1024);
        StringBuilder request = new StringBuilder("POST /v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 5; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");

        String response = raw(request.toString());

        assertThat(response, startsWith("HTTP/1.1 413"));
        assertThat(response, containsString("{\"error\":\"payload too large\"}"));
    }

    @Test
    void bodyAtTheLimitIsRead() {
        byte[] body = new byte[(int) Px0.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) ' ');
        assertError(api.sendBytes(Method.POST, "/v1/auth/login", body,
                                  Map.of(HeaderNames.CONTENT_TYPE, "application/json")),
                    400, "invalid request body");
    }

    @Test
    void malformedHttpGetsAJsonBadRequest() throws IOException {
        String response = raw("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n");

        assertThat(response, startsWith("HTTP/1.1 400"));
        assertThat(response.toLowerCase(), containsString("content-type: application/json"));
        assertThat(response, containsString("{\"error\":\"bad request\"}"));
        assertThat(response, not(containsString("<html")));
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // the server may reset the connection after answering a request it will not read
            }
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
