package dev.px0.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.px0.testing.LogCapture;
import dev.px0.testing.Node;
import dev.px0.testing.RawHttp;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Issue 14, finding 5: {@code GET /v1/projects/x%00%0A2026-…%20SEVERE%20dev.px0.Forged:%20fake} wrote a fake SEVERE
 * line. Request data in a log line is escaped (the path, the exception message that quotes it), so it stays one
 * line; and px0 refuses such a path before anything logs it.
 */
class LogForgingTest {

    private static final String FORGED = "2026-11-30T00:00:00.000Z SEVERE dev.px0.Forged: fake";
    private static final String PATH = "x%00%0A2026-11-30T00:00:00.000Z%20SEVERE%20dev.px0.Forged:%20fake";

    @Test
    void aFailedRequestIsLoggedOnOneLineWithItsPathEscaped() throws IOException {
        // the error handler of px0 behind a route that fails with the (decoded) path in its message, the way a
        // PostgreSQL error quoting a value did
        WebServer server = WebServer.builder().port(0).routing(routing -> {
            HttpErrors.register(routing, e -> false);
            routing.get("/boom/{x}", (req, res) -> {
                throw new IllegalStateException("cannot use " + req.path().pathParameters().get("x"));
            });
        }).build().start();
        try (LogCapture logs = new LogCapture()) {
            RawHttp.Response response = new RawHttp(server.port()).send("GET", "/boom/" + PATH, List.of(), null);
            assertThat(response.status(), is(500));

            List<String> failures = logs.lines().stream().filter(l -> l.contains(HttpErrors.class.getName())).toList();
            assertThat(failures, hasSize(1));
            String logged = failures.get(0);
            assertThat(logged, containsString("Request failed: GET /boom/x\\u0000\\n" + FORGED));
            assertThat(logged, containsString("cannot use x\\u0000\\n" + FORGED));
            assertThat(forgedLines(logs), is(empty()));
        } finally {
            server.stop();
        }
    }

    @Test
    void px0RefusesTheForgingPathAndLogsNothingForged() throws IOException {
        try (Node node = Node.start(Map.of()); LogCapture logs = new LogCapture()) {
            RawHttp.Response response = new RawHttp(node.server().port()).send("GET", "/v1/projects/" + PATH, List.of(), null);
            assertThat(response.body(), response.status(), is(400));
            assertThat(response.body(), is("{\"error\":\"invalid path: control characters are not allowed\"}"));
            assertThat(forgedLines(logs), is(empty()));
        }
    }

    /** Lines of the captured log output that start like the forged one, or that carry its raw NUL. */
    private static List<String> forgedLines(LogCapture logs) {
        return logs.lines().stream()
                .flatMap(record -> record.lines())
                .filter(line -> line.startsWith(FORGED) || line.contains("\u0000"))
                .toList();
    }

    @Test
    void escapingIsVisibleInLogSafe() {
        assertThat(LogSafe.escape("x\u0000\n" + FORGED), not(containsString("\n")));
    }
}
