package dev.px0.change;

import java.time.Duration;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.FreezableProxy;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.TestStores;

import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.renderedVersion;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A channel that goes silent without breaking (a partition: no reset, no error) is noticed by the heartbeat:
 * the node stops trusting its caches, serves from PostgreSQL, and resubscribes once Redis answers again.
 */
class CacheHeartbeatTest {

    private static final String RENDER = "{\"variables\":{\"n\":1}}";

    @Test
    void aSilentChannelIsGivenUpAndRejoined() {
        try (FreezableProxy proxy = new FreezableProxy(TestStores.get().redisUri());
             Node node = Node.start(Map.of("px0.redis.url", proxy.uri().toString(), "px0.cache.heartbeat", "PT1S"))) {
            Poll.until("subscribed", Duration.ofSeconds(10), () -> node.px0().channel().subscribed());
            // a healthy channel answers its heartbeats and stays up across many of them
            long subscriptions = node.px0().channel().subscriptions();
            Poll.until("five heartbeats answered", Duration.ofSeconds(30), () -> node.px0().channel().pongs() >= 5);
            assertThat(node.px0().channel().subscriptions(), is(subscriptions));
            assertThat(node.px0().channel().subscribed(), is(true));
            PromptFixture px = new PromptFixture(node);
            String owner = px.user();
            String project = px.project(owner);
            String key = px.apiKey(project, owner, "read");
            int v1 = px.published(project, owner, "p", "one {{n}}");
            int v2 = px.version(project, owner, "p", "two {{n}}");
            assertThat(renderedVersion(node.api(), project, key, "p", RENDER), is(v1)); // cached now

            proxy.freeze();
            Poll.until("the node gives up the silent channel", Duration.ofSeconds(30),
                       () -> !node.px0().channel().subscribed());
            // moved while the node cannot hear of it
            node.px0().database().client().execute().dml(
                    "UPDATE prompt_labels SET version = ? WHERE name = 'production' AND prompt_id = "
                            + "(SELECT p.id FROM prompts p JOIN projects j ON j.id = p.project_id WHERE j.slug = ? AND p.slug = 'p')",
                    v2, project);
            assertThat("served from PostgreSQL, not from the cache it no longer trusts",
                       renderedVersion(node.api(), project, key, "p", RENDER), is(v2));

            proxy.thaw();
            Poll.until("subscribed again", Duration.ofSeconds(30), () -> node.px0().channel().subscribed());
            assertThat(renderedVersion(node.api(), project, key, "p", RENDER), is(v2));
        }
    }
}
