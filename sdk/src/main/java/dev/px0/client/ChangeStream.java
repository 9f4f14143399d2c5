package dev.px0.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one connection to px0's change stream ({@code GET …/events}), kept open by one background thread: each
 * event goes to the listener as it arrives; a lost stream is reopened after a jittered backoff (at most
 * {@value #MAX_BACKOFF_MILLIS} ms). A stream silent for {@code idleTimeout} (px0 sends a comment every 15 s by
 * default) is taken for dead and reopened.
 */
final class ChangeStream implements AutoCloseable {

    static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long FIRST_BACKOFF_MILLIS = 100;

    /** What the stream tells the client. */
    interface Listener {
        /** The stream is open: what was held may have changed meanwhile. */
        void ready();

        /** A change: {@code label}, {@code prompt} or {@code purge}. */
        void event(String name, JsonNode data);

        /** The stream is lost (or could not be opened), for {@code reason}. */
        void lost(String reason);
    }

    private final HttpClient http;
    private final URI uri;
    private final String apiKey;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Listener listener;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile InputStream current;
    private volatile long lastHeard;
    private volatile boolean connected;

    ChangeStream(HttpClient http, URI uri, String apiKey, Duration connectTimeout, Duration idleTimeout,
                 Listener listener) {
        this.http = http;
        this.uri = uri;
        this.apiKey = apiKey;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.listener = listener;
        this.thread = new Thread(this::run, "px0-change-stream");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the stream is open now (ready received, not lost since). */
    boolean connected() {
        return connected;
    }

    private void run() {
        int failures = 0;
        while (closing.getCount() > 0) {
            String reason = connect();
            boolean wasConnected = connected;
            connected = false;
            if (closing.getCount() == 0) {
                return;
            }
            listener.lost(reason);
            failures = wasConnected ? 0 : failures + 1;
            long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures, 10));
            long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
            try {
                if (closing.await(wait, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One connection, until it ends; returns why it ended. */
    private String connect() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(connectTimeout.plus(connectTimeout))
                .header("X-API-Key", apiKey).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return Fetcher.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return response.statusCode() == 401 ? Fetcher.KEY_REFUSED : "px0 answered " + response.statusCode();
            }
            current = body;
            if (closing.getCount() == 0) {
                return "closed";
            }
            return read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Fetcher.describe(e);
        } finally {
            current = null;
        }
    }

    private String read(BufferedReader in) throws IOException {
        String name = null;
        StringBuilder data = null;
        lastHeard = System.nanoTime();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lastHeard = System.nanoTime();
            if (line.isEmpty()) {
                if (name != null) {
                    dispatch(name, data == null ? "" : data.toString());
                }
                name = null;
                data = null;
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
            // a comment (": heartbeat") only proves the stream is alive
        }
        return "px0 ended the stream";
    }

    private void dispatch(String name, String data) {
        if (name.equals("ready")) {
            connected = true;
            listener.ready();
            return;
        }
        JsonNode json;
        try {
            json = Fetcher.JSON.readTree(data);
        } catch (IOException e) {
            return; // not an event this client knows
        }
        listener.event(name, json);
    }

    /** Called now and then by the client's timer: closes a stream that has been silent too long. */
    void checkIdle() {
        InputStream body = current;
        if (body != null && System.nanoTime() - lastHeard > idleTimeout.toNanos()) {
            close(body);
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closing.countDown();
        InputStream body = current;
        if (body != null) {
            close(body);
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
