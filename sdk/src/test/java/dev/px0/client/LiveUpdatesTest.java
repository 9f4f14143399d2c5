package dev.px0.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private static Admin viaB;
    private static Px0Client client;
    private static final List<Long> PROPAGATION_MS = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = Cluster.get();
        viaB = cluster.admin.on(cluster.b);
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
        int v1 = cluster.admin.published(cluster.project, "live", "one {{n}}");
        Prompt p = client.prompt("live");
        assertThat(p.version(), is(v1));
        assertThat(p.label(), is("production"));
        assertThat(p.type(), is("text"));
        assertThat(p.render(VARS), is("one 1"));
        int v2 = viaB.version(cluster.project, "live", "two {{n}}");

        long published = System.nanoTime();
        viaB.label(cluster.project, "live", "production", v2);
        serves("the client serves the published version", published, () -> client.prompt("live").version() == v2);
        assertThat(client.prompt("live").render(VARS), is("two 1"));

        long rolledBack = System.nanoTime();
        viaB.label(cluster.project, "live", "production", v1);
        serves("the client serves the rolled-back version", rolledBack, () -> client.prompt("live").version() == v1);
        assertThat(client.prompt("live").render(VARS), is("one 1"));
    }

    @Test
    void latestMovesWithEveryNewVersion() {
        cluster.admin.published(cluster.project, "latest", "first {{n}}");
        assertThat(client.prompt("latest", "latest").version(), is(1));
        viaB.version(cluster.project, "latest", "second {{n}}");
        until("latest moves", () -> client.prompt("latest", "latest").version() == 2);
        assertThat(client.prompt("latest", "latest").render(VARS), is("second 1"));
        assertThat("production stays", client.prompt("latest").version(), is(1));
    }

    @Test
    void aDeletedLabelOrPromptIsNotFound() {
        cluster.admin.published(cluster.project, "doomed", "bye {{n}}");
        cluster.admin.label(cluster.project, "doomed", "staging", 1);
        assertThat(client.prompt("doomed", "staging").version(), is(1));
        assertThat(client.prompt("doomed", 1).label(), is(nullValue()));

        viaB.ok("DELETE", Admin.base(cluster.project, "doomed") + "/labels/staging", null);
        until("the deleted label is not found",
              () -> throwsNow(PromptNotFoundException.class, () -> client.prompt("doomed", "staging")));
        assertThat(client.prompt("doomed").version(), is(1));

        viaB.ok("DELETE", Admin.base(cluster.project, "doomed"), null);
        until("the deleted prompt is not found",
              () -> throwsNow(PromptNotFoundException.class, () -> client.prompt("doomed")));
        assertThrows(PromptNotFoundException.class, () -> client.prompt("doomed", 1));
    }

    @Test
    void unknownPromptsLabelsAndVersionsAreNotFound() {
        cluster.admin.published(cluster.project, "known", "hi {{b}} {{a}}");
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

    /** Requests both nodes have served, once the count stands still (a request is counted just after its answer). */
    private static long settled() {
        long previous = -1;
        long now = Admin.requestsServed(cluster.a) + Admin.requestsServed(cluster.b);
        while (now != previous) {
            previous = now;
            now = Admin.requestsServed(cluster.a) + Admin.requestsServed(cluster.b);
        }
        return now;
    }

    @Test
    void rendersMakeNoHttpRequest() {
        cluster.admin.published(cluster.project, "hot", "hot {{n}}");
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
