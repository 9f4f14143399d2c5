package dev.px0.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;

import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.base;
import static dev.px0.prompt.PromptFixture.renderedVersion;
import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Two nodes on one PostgreSQL and Redis, each with its caches: what one node changes, the other serves soon after
 * (the node that changed it at once); a deleted key is refused on both; a purge empties both. The bound here is
 * generous (5 s, HTTP round trips on a loaded 2-core machine included); the times measured are printed, and the
 * figures quoted in the README come from those prints and the benches, not from a tight assertion.
 */
class CacheAcrossNodesTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(5);
    private static final String RENDER = "{\"variables\":{\"n\":1}}";
    private static final List<Duration> MEASURED = new ArrayList<>();

    private static Node a;
    private static Node b;
    private static PromptFixture px;
    private static String owner;
    private static String project;
    private static String key;

    @BeforeAll
    static void start() {
        a = Node.start(Map.of());
        b = Node.start(Map.of());
        Node.awaitSubscribed(a, b);
        px = new PromptFixture(a);
        owner = px.user();
        project = px.project(owner);
        key = px.apiKey(project, owner, "read");
    }

    @AfterAll
    static void stop() {
        System.out.println("CacheAcrossNodesTest: propagation times " + MEASURED);
        a.close();
        b.close();
    }

    private static int version(Node node, String prompt) {
        return renderedVersion(node.api(), project, key, prompt, RENDER);
    }

    private static void reaches(Node node, String what, long since, java.util.function.BooleanSupplier condition) {
        MEASURED.add(Poll.until(what, since, PROPAGATION, condition));
    }

    @Test
    void publishAndRollBackReachTheOtherNode() {
        px.prompt(project, owner, "publish", "text");
        int v1 = px.version(project, owner, "publish", "one {{n}}");
        px.label(project, owner, "publish", "production", v1);
        assertThat(version(b, "publish"), is(v1));
        assertThat(version(b, "publish"), is(v1)); // now from B's cache
        int v2 = px.version(project, owner, "publish", "two {{n}}");

        assertThat(px.label(project, owner, "publish", "production", v2).status(), is(200));
        long published = System.nanoTime();
        assertThat("the node that published serves it at once", version(a, "publish"), is(v2));
        reaches(b, "B serves the published version", published, () -> version(b, "publish") == v2);

        assertThat(px.label(project, owner, "publish", "production", v1).status(), is(200));
        long rolledBack = System.nanoTime();
        assertThat(version(a, "publish"), is(v1));
        reaches(b, "B serves the rolled-back version", rolledBack, () -> version(b, "publish") == v1);
    }

    @Test
    void aDeletedKeyIsRefusedOnEveryNode() {
        px.published(project, owner, "revoke", "hi {{n}}");
        String doomed = px.apiKey(project, owner, "read");
        assertThat(px.render(project, doomed, "revoke", RENDER).status(), is(200));
        assertThat(b.api().json(Method.POST, base(project, "revoke") + "/render", doomed, RENDER).status(), is(200));
        String id = null;
        for (var k : a.api().json(Method.GET, "/v1/projects/" + project + "/api-keys", owner, null).json().getJsonArray("api_keys")) {
            if (k.asJsonObject().getString("prefix").equals(doomed.substring(0, 12))) {
                id = k.asJsonObject().getString("id");
            }
        }
        assertThat(a.api().json(Method.DELETE, "/v1/projects/" + project + "/api-keys/" + id, owner, null).status(), is(204));
        long deleted = System.nanoTime();
        assertError(a.api().json(Method.POST, base(project, "revoke") + "/render", doomed, RENDER), 401, "unauthorized");
        reaches(b, "B refuses the deleted key", deleted,
                () -> b.api().json(Method.POST, base(project, "revoke") + "/render", doomed, RENDER).status() == 401);
    }

    @Test
    void aDeletedPromptIsGoneOnEveryNode() {
        px.published(project, owner, "doomed", "hi {{n}}");
        assertThat(version(b, "doomed"), is(1));
        assertThat(a.api().json(Method.DELETE, base(project, "doomed"), owner, null).status(), is(204));
        long deleted = System.nanoTime();
        reaches(b, "B forgets the deleted prompt", deleted,
                () -> b.api().json(Method.POST, base(project, "doomed") + "/render", key, RENDER).status() == 404);
        assertError(b.api().json(Method.POST, base(project, "doomed") + "/render", key, RENDER), 404, "prompt not found");
    }

    @Test
    void warmNodesServeFromMemoryUntilPurged() {
        px.prompt(project, owner, "behind", "text");
        int v1 = px.version(project, owner, "behind", "one {{n}}");
        int v2 = px.version(project, owner, "behind", "two {{n}}");
        px.label(project, owner, "behind", "production", v1);
        assertThat(version(a, "behind"), is(v1));
        assertThat(version(b, "behind"), is(v1));

        // a change behind px0's back, which no event announces: both nodes keep serving what they hold
        a.px0().database().client().execute().dml(
                "UPDATE prompt_labels SET version = ? WHERE name = 'production' AND prompt_id = "
                        + "(SELECT p.id FROM prompts p JOIN projects j ON j.id = p.project_id WHERE j.slug = ? AND p.slug = 'behind')",
                v2, project);
        assertThat(version(a, "behind"), is(v1));
        assertThat(version(b, "behind"), is(v1));

        assertError(a.api().json(Method.POST, "/v1/cache/purge", owner, null), 403, "forbidden");
        assertError(a.api().json(Method.POST, "/v1/cache/purge", null, null), 401, "unauthorized");
        assertError(a.api().json(Method.GET, "/v1/cache/purge", owner, null), 405, "method not allowed");
        assertThat(a.api().json(Method.POST, "/v1/cache/purge", px.systemAdmin(), null).status(), is(204));
        long purged = System.nanoTime();
        assertThat(version(a, "behind"), is(v2));
        reaches(b, "B empties its caches", purged, () -> version(b, "behind") == v2);
    }

    @Test
    void cacheMetricsAreServedForPrometheus() {
        px.published(project, owner, "metered", "hi {{n}}");
        String before = metrics(b);
        version(b, "metered"); // misses: B has never seen this label nor this version
        version(b, "metered"); // hits
        version(b, "metered");
        String after = metrics(b);

        assertThat(value(after, "px0_cache_requests_total{cache=\"labels\",result=\"hit\"}")
                           - value(before, "px0_cache_requests_total{cache=\"labels\",result=\"hit\"}"), is(2.0));
        assertThat(value(after, "px0_cache_requests_total{cache=\"labels\",result=\"miss\"}")
                           - value(before, "px0_cache_requests_total{cache=\"labels\",result=\"miss\"}"), is(1.0));
        assertThat(value(after, "px0_cache_requests_total{cache=\"versions\",result=\"miss\"}")
                           - value(before, "px0_cache_requests_total{cache=\"versions\",result=\"miss\"}"), is(1.0));
        assertThat(value(after, "px0_cache_requests_total{cache=\"api_keys\",result=\"hit\"}")
                   > value(before, "px0_cache_requests_total{cache=\"api_keys\",result=\"hit\"}"), is(true));
        assertThat(value(after, "px0_cache_size{cache=\"labels\"}"), org.hamcrest.Matchers.greaterThan(0.0));
        assertThat(after, containsString("px0_cache_evictions_total{cache=\"labels\"}"));

        double invalidations = value(after, "px0_cache_invalidations_total{kind=\"prompt\"}");
        px.version(project, owner, "metered", "again {{n}}"); // moves latest: every node hears of it
        Poll.until("B counts the invalidation", PROPAGATION,
                   () -> value(metrics(b), "px0_cache_invalidations_total{kind=\"prompt\"}") > invalidations);
        assertThat(after, containsString("jvm_memory_used_bytes"));
    }

    private static String metrics(Node node) {
        Api.Reply metrics = node.api().json(Method.GET, "/observe/metrics", null, null);
        assertThat(metrics.status(), is(200));
        assertThat(metrics.header(io.helidon.http.HeaderNames.CONTENT_TYPE), containsString("text/plain"));
        return metrics.body();
    }

    /** The value of one series in the Prometheus text (0 when absent); the series may carry more labels after these. */
    private static double value(String text, String series) {
        String name = series.substring(0, series.indexOf('{'));
        String labels = series.substring(series.indexOf('{') + 1, series.length() - 1);
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && line.substring(0, line.lastIndexOf('}') + 1).contains(labels)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
