package dev.px0.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;

/**
 * A client of px0's change stream for tests: opens {@code GET /v1/projects/{project}/events}, then reads its
 * events on a thread of its own, in order. A test waits for the event it expects (with a generous limit) rather
 * than sleeping.
 */
public final class EventStream implements AutoCloseable {

    /** Generous: a slow shared machine must not fail a correct server. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One event; a comment line is {@code name} ":" with the comment as {@code data}. */
    public record Event(String name, String data) {
    }

    private static final Event END = new Event("", "");

    private final HttpResponse<InputStream> response;
    private final String errorBody;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    /** The raw text of the stream up to the end of its first event. */
    private final java.util.concurrent.CompletableFuture<String> opening = new java.util.concurrent.CompletableFuture<>();

    private EventStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                errorBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            reader = null;
            return;
        }
        errorBody = "";
        reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens a stream with an API key ({@code X-API-Key}), or with a bearer token; {@code credential} may be null. */
    public static EventStream open(int port, String project, String credential, boolean apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/projects/"
                                                                        + project + "/events"))
                .header("Accept", "text/event-stream");
        if (credential != null) {
            request.header(apiKey ? "X-API-Key" : "Authorization", apiKey ? credential : "Bearer " + credential);
        }
        try {
            return new EventStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    /**
     * The answer as the other tests see it, checked against the OpenAPI document: a refusal whole, a stream with
     * what it sent up to the end of its first event.
     */
    public Api.Reply reply(String path) {
        WritableHeaders<?> headers = WritableHeaders.create();
        response.headers().map().forEach((name, values) -> headers.set(HeaderNames.create(name), values));
        String body;
        try {
            body = reader == null ? errorBody : opening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no first event within " + WAIT, e);
        }
        Api.Reply reply = new Api.Reply(status(), headers, body);
        Contract.check("GET", path, reply);
        return reply;
    }

    /** The next event or comment; fails when none comes within {@link #WAIT} or the stream ends. */
    public Event next() {
        try {
            Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + WAIT);
            }
            if (event == END) {
                events.offer(END);
                throw new AssertionError("the stream ended");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next event named {@code name} (comments skipped); fails on any other event. */
    public Event nextEvent(String name) {
        Event event = next();
        while (event.name().equals(":")) {
            event = next();
        }
        if (!event.name().equals(name)) {
            throw new AssertionError("expected event " + name + ", got " + event);
        }
        return event;
    }

    /** Reads until an event matches, skipping others; fails when none does within {@link #WAIT}. */
    public Event until(Predicate<Event> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = next();
            if (wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no matching event within " + WAIT);
    }

    /** Whether the stream has ended by now (without waiting): the server closed it, or it failed. */
    public boolean ended() {
        return reader != null && events.contains(END);
    }

    /** Whether the server ended the stream within {@link #WAIT} (events before the end are skipped). */
    public boolean ends() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == END) {
                    events.offer(END);
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = null;
            StringBuilder raw = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!opening.isDone()) {
                    raw.append(line).append('\n');
                    if (line.isEmpty()) {
                        opening.complete(raw.toString());
                    }
                }
                if (line.isEmpty()) {
                    if (name != null || data != null) {
                        events.add(new Event(name == null ? "message" : name, data == null ? "" : data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(":", line.substring(1).strip()));
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            events.add(END);
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                response.body().close();
            } catch (IOException e) {
                // already closed
            }
            reader.interrupt();
        }
    }
}
