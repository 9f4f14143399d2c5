package dev.px0.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.px0.testing.Node;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Coverage-guided fuzzing (Jazzer) of the request handling of login and registration. In the normal test run
 * Jazzer replays the seed corpus in {@code src/test/resources/dev/px0/fuzz/RequestFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it searches for new inputs. Whatever the input, px0 answers with JSON and never 5xx, and
 * stays up.
 *
 * <p>Input layout: byte 0 picks the path, byte 1 the Content-Type header, byte 2 the transfer (Content-Length or
 * chunked), the rest is the body as raw bytes.
 */
@Tag("fuzz")
class RequestFuzzTest {

    private static final List<String> PATHS = List.of("/v1/auth/login", "/v1/auth/register",
                                                      "/v1/auth/verify-email", "/v1/auth/password-reset/trigger");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json", "", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "application/json; charset=latin1", "application/json; charset=utf-16",
            "application/problem+json", "application/xml", "*/*", "application/json\u0000", "application/json;;;;",
            "\u00e9\u00e9", "application/" + "x".repeat(2000));

    private static Node node;

    @BeforeAll
    static void start() {
        node = Node.start(Map.of());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @FuzzTest(maxDuration = "30s")
    void loginAndRegistrationAnswerEveryInputWithJson(byte[] input) throws IOException {
        String path = PATHS.get(input.length > 0 ? Byte.toUnsignedInt(input[0]) % PATHS.size() : 0);
        String contentType = CONTENT_TYPES.get(input.length > 1 ? Byte.toUnsignedInt(input[1]) % CONTENT_TYPES.size() : 0);
        boolean chunked = input.length > 2 && (input[2] & 1) == 1;
        byte[] body = input.length > 3 ? Arrays.copyOfRange(input, 3, input.length) : new byte[0];

        assertAnsweredWithJson(post(path, contentType, chunked, body));
    }

    @Test
    void tenMegabyteStringIsRefusedWithJson() throws IOException {
        String huge = "{\"email\": \"a@example.com\", \"password\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        Response response = post("/v1/auth/login", "application/json", false, huge.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status(), is(413));
        assertAnsweredWithJson(response);
        Response chunked = post("/v1/auth/register", "application/json", true, huge.getBytes(StandardCharsets.UTF_8));
        assertThat(chunked.status(), is(413));
    }

    private static void assertAnsweredWithJson(Response response) {
        assertThat(response.raw(), response.status(), lessThan(500));
        if (response.status() >= 400) {
            assertThat(response.raw(), response.headers().toLowerCase(), containsString("content-type: application/json"));
            JsonObject body = Json.createReader(new java.io.StringReader(response.body())).readObject();
            assertThat(response.raw(), body.containsKey("error"), is(true));
        }
        assertThat("px0 is still up", node.api().send(io.helidon.http.Method.GET, "/v1/health", null, Map.of()).status(),
                   is(200));
    }

    private record Response(int status, String headers, String body, String raw) {
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream bytes) {
        byte[] b = bytes.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    /** Raw HTTP/1.1, so that no client library tidies the request up. */
    private static Response post(String path, String contentType, boolean chunked, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            if (!contentType.isEmpty()) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (chunked) {
                    for (int i = 0; i < body.length; i += 8192) {
                        int n = Math.min(8192, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading a body it refuses
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            int headEnd = -1;
            long contentLength = -1;
            try {
                for (int b; (b = in.read()) >= 0; ) { // byte by byte: the answer is small
                    received.write(b);
                    if (headEnd < 0 && endsWithBlankLine(received)) {
                        headEnd = received.size();
                        contentLength = contentLength(received.toString(StandardCharsets.ISO_8859_1));
                    }
                    if (headEnd >= 0 && received.size() - headEnd >= contentLength) {
                        break;
                    }
                }
            } catch (java.net.SocketException e) {
                // reset after the answer
            }
            String raw = received.toString(StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            if (!raw.startsWith("HTTP/1.1 ") || end < 0) {
                throw new AssertionError("no HTTP answer: " + raw);
            }
            int status = Integer.parseInt(raw.substring(9, 12));
            return new Response(status, raw.substring(0, end), raw.substring(end + 4), raw.length() > 2000 ? raw.substring(0, 2000) : raw);
        }
    }
}
