package dev.px0.events;

import static dev.px0.http.Routes.get;

import java.io.UncheckedIOException;
import java.time.Duration;

import dev.px0.http.JsonResponses;
import dev.px0.http.Routes;
import dev.px0.project.Project;
import dev.px0.project.ProjectRequests;
import dev.px0.project.Role;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;

/**
 * {@code GET /v1/projects/{project}/events}: the project's change stream (Server-Sent Events) for an API key of
 * the project or a member. {@code ready} once when it opens, then {@code label}, {@code prompt} and {@code purge}
 * as changes are published on any node, and a comment every {@code PX0_EVENTS_HEARTBEAT}.
 */
final class EventRoutes implements HttpService {

    private final ProjectRequests requests;
    private final ChangeStreams streams;
    private final Duration heartbeat;

    EventRoutes(ProjectRequests requests, ChangeStreams streams, Duration heartbeat) {
        this.requests = requests;
        this.streams = streams;
        this.heartbeat = heartbeat;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/{project}/events", get(this::events));
    }

    private void events(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Role.Action.READ);
        ChangeStreams.Stream stream = streams.open(access.project().id());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Accel-Buffering", "no"); // proxies (nginx) pass each event on at once
        try (stream; SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().name("ready").data("{}").build());
            while (true) {
                ChangeStreams.Event event = stream.next(heartbeat.toMillis());
                if (event == ChangeStreams.END) {
                    return;
                }
                sink.emit(event == null ? SseEvent.builder().comment("heartbeat").build()
                                  : SseEvent.builder().name(event.name()).data(event.data()).build());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server stops
        } catch (UncheckedIOException e) {
            // the client went away
        }
    }
}
