package dev.px0.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.px0.change.Change;
import dev.px0.change.InvalidationChannel;
import dev.px0.http.ApiException;
import dev.px0.project.ProjectRequests;

import io.helidon.webserver.http.HttpService;
import io.opentelemetry.api.metrics.Meter;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The change streams open on this node, fed from the {@link InvalidationChannel}: each change a node publishes reaches
 * every stream of its project on every node. A stream is only opened while the node hears the channel, and every
 * stream ends when the node loses it (its clients reconnect and read again what they hold), when px0 stops, or
 * when its client falls {@value #BACKLOG} events behind.
 */
public final class ChangeStreams implements InvalidationChannel.Listener, AutoCloseable {

    /** Events a stream may hold unsent before it is ended. */
    static final int BACKLOG = 1000;

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(java.util.Map.of());

    private final int maxStreams;
    private final Duration heartbeat;
    private final Object lock = new Object();
    private final Set<Stream> open = new HashSet<>();
    private boolean live;
    private boolean closed;

    /** One event as sent: {@code event: name}, {@code data: json}. */
    record Event(String name, String data) {
    }

    /** What {@link Stream#next} returns once the stream has ended. */
    static final Event END = new Event("", "");

    /** With {@code PX0_EVENTS_MAX_CONNECTIONS} and {@code PX0_EVENTS_HEARTBEAT}; listens once added to the channel. */
    public ChangeStreams(EventSettings settings, Meter meter) {
        this.maxStreams = settings.maxConnections();
        this.heartbeat = settings.heartbeat();
        meter.upDownCounterBuilder("px0.events.streams").setDescription("Change streams open on this node")
                .buildWithCallback(m -> m.record(streams()));
    }

    /** {@code GET /v1/projects/{project}/events}, for a caller with read access ({@code requests} checks it). */
    public HttpService routes(ProjectRequests requests) {
        return new EventRoutes(requests, this, heartbeat);
    }

    /** Streams open now. */
    public int streams() {
        synchronized (lock) {
            return open.size();
        }
    }

    /** A new stream of the project's changes; {@code 503} (with {@code Retry-After: 1}) when none can open now. */
    Stream open(UUID projectId) {
        synchronized (lock) {
            if (closed || !live) {
                throw ApiException.unavailable("change stream unavailable");
            }
            if (open.size() >= maxStreams) {
                throw ApiException.unavailable("too many event streams");
            }
            Stream stream = new Stream(projectId);
            open.add(stream);
            return stream;
        }
    }

    @Override
    public void subscribed() {
        synchronized (lock) {
            live = true;
        }
    }

    @Override
    public void lost() {
        endAll(false);
    }

    /** Ends every stream and opens no more (px0 stops). */
    @Override
    public void close() {
        endAll(true);
    }

    private void endAll(boolean closing) {
        List<Stream> ended;
        synchronized (lock) {
            live = false;
            closed |= closing;
            ended = new ArrayList<>(open);
            open.clear();
        }
        ended.forEach(Stream::end);
    }

    @Override
    public void received(Change change) {
        Event sent;
        UUID project;
        switch (change) {
            case Change.Prompt p -> {
                project = p.projectId();
                sent = event(p);
            }
            case Change.Purge p -> {
                project = null;
                sent = new Event("purge", "{}");
            }
            case Change.ApiKey k -> {
                return; // changes no prompt
            }
        }
        List<Stream> targets;
        synchronized (lock) {
            targets = new ArrayList<>(open);
        }
        for (Stream stream : targets) {
            if (project == null || stream.projectId.equals(project)) {
                stream.offer(sent);
            }
        }
    }

    private static Event event(Change.Prompt p) {
        JsonObjectBuilder data = JSON.createObjectBuilder().add("prompt", p.slug());
        return switch (p.detail()) {
            case Change.Detail.Label l -> new Event("label", data.add("label", l.label())
                    .add("version", l.version() == null ? JsonValue.NULL : Json.createValue(l.version())).build().toString());
            case Change.Detail.Existence e -> new Event("prompt", data.add("deleted", e.deleted()).build().toString());
            case Change.Detail.Unspecified u -> new Event("prompt", data.add("deleted", false).build().toString());
        };
    }

    private void remove(Stream stream) {
        synchronized (lock) {
            open.remove(stream);
        }
    }

    /** One client's stream: the events for it, in order, until it ends. */
    final class Stream implements AutoCloseable {
        private final UUID projectId;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>(BACKLOG + 1);

        private Stream(UUID projectId) {
            this.projectId = projectId;
        }

        private void offer(Event event) {
            if (!events.offer(event)) {
                end(); // too far behind: the client resynchronises when it reconnects
            }
        }

        private void end() {
            events.clear();
            events.offer(END);
            remove(this);
        }

        /** The next event; null when none came within the wait; {@link #END} once the stream has ended. */
        Event next(long waitMillis) throws InterruptedException {
            Event event = events.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (event == END) {
                events.offer(END);
            }
            return event;
        }

        @Override
        public void close() {
            remove(this);
        }
    }
}
