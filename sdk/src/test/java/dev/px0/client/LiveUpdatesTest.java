package dev.px0.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Px0Process;
import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.px0.client.Cluster.throwsNow;
import static dev.px0.client.Cluster.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A client streaming from node A sees what is changed through node B: publish, roll back, {@code latest}, a
 * deleted label, a deleted prompt. Every render after the first fetch is served from memory: the two nodes' own
 * request metrics count no request for them.
 */
class LiveUpdatesTest {

    private static final Map<String, Object> VARS = Map.of("n", 1);

    private static Cluster cluster;
    private static PromptFixture viaB;
    private static Px0Client client;
    private static final List<Long> PROPAGATION_MS = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = Cluster.get();
        viaB = new PromptFixture(cluster.b.api());
        client = cluster.client(cluster.a).build();
    }

    @AfterAll
    static void stop() {
        System.out.println("LiveUpdatesTest: publish-to-client times (ms) " + PROPAGATION_MS);
        client.close();
    }

    /** Waits until the client serves the version, and notes how long it took since {@code since}. */
    private static void serves(String what, long since, java.util.function.BooleanSupplier condition) {
        until(what, condition);
        PROPAGATION_MS.add((System.nanoTime() - since) / 1_000_000);
    }

    @Test
    void publishAndRollBackThroughTheOtherNodeReachTheClient() {
        int v1 = cluster.published("live", "one {{n}}");
        Prompt p = client.prompt("live");
        assertThat(p.version(), is(v1));
        assertThat(p.label(), is("production"));
        assertThat(p.type(), is("text"));
        assertThat(p.render(VARS), is("one 1"));
        int v2 = viaB.version(cluster.project, cluster.admin, "live", "two {{n}}");

        long published = System.nanoTime();
        cluster.label(viaB, "live", "production", v2);
        serves("the client serves the published version", published, () -> client.prompt("live").version() == v2);
        assertThat(client.prompt("live").render(VARS), is("two 1"));

        long rolledBack = System.nanoTime();
        cluster.label(viaB, "live", "production", v1);
        serves("the client serves the rolled-back version", rolledBack, () -> client.prompt("live").version() == v1);
        assertThat(client.prompt("live").render(VARS), is("one 1"));
    }

    @Test
    void latestMovesWithEveryNewVersion() {
        cluster.published("latest", "first {{n}}");
        assertThat(client.prompt("latest", "latest").version(), is(1));
        viaB.version(cluster.project, cluster.admin, "latest", "second {{n}}");
        until("latest moves", () -> client.prompt("latest", "latest").version() == 2);
        assertThat(client.prompt("latest", "latest").render(VARS), is("second 1"));
        assertThat("production stays", client.prompt("latest").version(), is(1));
    }

    @Test
    void aDeletedLabelOrPromptIsNotFound() {
        cluster.published("doomed", "bye {{n}}");
        cluster.label(cluster.prompts, "doomed", "staging", 1);
        assertThat(client.prompt("doomed", "staging").version(), is(1));
        assertThat(client.prompt("doomed", 1).label(), is(nullValue()));

        deleteViaB(PromptFixture.base(cluster.project, "doomed") + "/labels/staging");
        until("the deleted label is not found",
              () -> throwsNow(PromptNotFoundException.class, () -> client.prompt("doomed", "staging")));
        assertThat(client.prompt("doomed").version(), is(1));

        deleteViaB(PromptFixture.base(cluster.project, "doomed"));
        until("the deleted prompt is not found",
              () -> throwsNow(PromptNotFoundException.class, () -> client.prompt("doomed")));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("doomed", 1));
    }

    @Test
    void unknownPromptsLabelsAndVersionsAreNotFound() {
        cluster.published("known", "hi {{b}} {{a}}");
        assertThrows(PromptNotFoundException.class, () -> client.prompt("never-created"));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("known", "no-such-label"));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("known", 99));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("Not A Slug"));
        Prompt known = client.prompt("known");
        assertThat(known.variables(), is(List.of("a", "b")));
        assertThat(known.config(), is(Map.of()));
        MissingVariablesException e = assertThrows(MissingVariablesException.class, () -> known.render(Map.of()));
        assertThat(e.missing(), is(List.of("a", "b")));
        assertThrows(IllegalStateException.class, () -> known.renderMessages(Map.of("a", 1, "b", 2)));
    }

    private static void deleteViaB(String path) {
        Api.Reply reply = viaB.api.json(Method.DELETE, path, cluster.admin, null);
        assertThat(reply.body(), reply.status(), is(204));
    }

    /** Requests both nodes have served, once the count stands still (a request is counted just after its answer). */
    private static long settled() {
        long previous = -1;
        long now = requestsServed(cluster.a) + requestsServed(cluster.b);
        while (now != previous) {
            previous = now;
            now = requestsServed(cluster.a) + requestsServed(cluster.b);
        }
        return now;
    }

    /**
     * Requests this node has answered so far, from its own request metrics ({@code /observe/metrics}), not
     * counting the requests for the metrics themselves.
     */
    private static long requestsServed(Px0Process node) {
        Api.Reply reply = node.api().send(Method.GET, "/observe/metrics", null, Map.of());
        long total = 0;
        for (String line : reply.body().split("\n")) {
            if (line.startsWith("http_server_request_duration_seconds_count{") && !line.contains("/observe/metrics")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Test
    void rendersMakeNoHttpRequest() {
        cluster.published("hot", "hot {{n}}");
        client.prompt("hot").render(VARS); // the one fetch
        long before = settled();
        for (int i = 0; i < 1000; i++) {
            client.prompt("hot").render(Map.of("n", i));
        }
        long after = settled();
        System.out.println("LiveUpdatesTest: HTTP requests for 1000 renders: " + (after - before));
        assertThat("requests the nodes served for 1000 prompt() + render() calls", after - before, is(0L));
    }
}
