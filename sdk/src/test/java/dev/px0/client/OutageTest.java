package dev.px0.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import dev.px0.testing.LogCapture;
import dev.px0.testing.Px0Process;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * px0 away never fails a render that worked before: a stopped px0 → what the client holds; a cold start with px0
 * down → the snapshot; nothing at all → the fallback. Each is one WARN line, and the API key is in none of them.
 */
class OutageTest {

    private static final Map<String, Object> VARS = Map.of("name", "Ada");

    @Test
    void stoppedPx0ThenColdStartsServeMemorySnapshotAndFallback() throws Exception {
        Cluster cluster = Cluster.get();
        Path snapshot = Files.createTempDirectory(Path.of("target"), "snapshot-").resolve("prompts.json");
        Px0Process node = Cluster.node(Map.of());
        String key = cluster.key;
        try (LogCapture logs = new LogCapture()) {
            cluster.published("outage", "Hello {{name}}");
            cluster.prompts.prompt(cluster.project, cluster.admin, "outage-chat", "chat");
            int chatVersion = cluster.prompts.chatVersion(cluster.project, cluster.admin, "outage-chat",
                    "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi, I am {{name}}\"}]");
            cluster.label(cluster.prompts, "outage-chat", "production", chatVersion);

            try (Px0Client client = cluster.client(node).snapshot(snapshot).build()) {
                assertThat(client.prompt("outage").render(VARS), is("Hello Ada"));
                assertThat(client.prompt("outage-chat").renderMessages(VARS),
                           is(List.of(new Message("system", "Be brief."), new Message("user", "Hi, I am Ada"))));
                assertThat("the snapshot is written", Files.exists(snapshot), is(true));
                assertThat(Files.readString(snapshot), not(containsString(key)));

                Cluster.crash(node);
                // served from memory, as often as asked; once the client has noticed, it says so
                Cluster.until("the client warns it serves from memory", () -> {
                    assertThat(client.prompt("outage").render(VARS), is("Hello Ada"));
                    return logs.messages(Level.WARNING).stream().anyMatch(w -> w.contains("from memory"));
                });
                for (int i = 0; i < 3; i++) {
                    assertThat(client.prompt("outage").render(VARS), is("Hello Ada"));
                }
                Px0UnavailableException never = assertThrows(Px0UnavailableException.class,
                                                             () -> client.prompt("never-held"));
                assertThat(never.getMessage(), not(containsString(key)));
            }

            // a cold start while px0 is down: the snapshot
            try (Px0Client client = cluster.client(node).snapshot(snapshot).build()) {
                Prompt p = client.prompt("outage");
                assertThat(p.version(), is(1));
                assertThat(p.render(VARS), is("Hello Ada"));
                assertThat(client.prompt("outage-chat").renderMessages(VARS).get(1).content(), is("Hi, I am Ada"));
            }

            // a cold start with nothing: the fallback, text and chat
            try (Px0Client client = cluster.client(node)
                    .fallback("outage", "Fallback for {{name}}")
                    .fallback("outage-chat", List.of(new Message("user", "Fallback chat for {{name}}")))
                    .build()) {
                Prompt p = client.prompt("outage");
                assertThat(p.version(), is(0));
                assertThat(p.render(VARS), is("Fallback for {{name}}".replace("{{name}}", "Ada")));
                assertThat(client.prompt("outage-chat").renderMessages(VARS),
                           is(List.of(new Message("user", "Fallback chat for Ada"))));
                assertThrows(MissingVariablesException.class, () -> client.prompt("outage").render(Map.of()));
                assertThrows(Px0UnavailableException.class, () -> client.prompt("no-fallback"));
            }

            assertThat(String.join("\n", logs.lines()), not(containsString(key)));
            List<String> warnings = logs.messages(Level.WARNING);
            assertThat("one WARN for the memory episode", warnings.stream()
                    .filter(w -> w.contains("from memory")).toList(), hasSize(1));
            assertThat(warnings.stream().filter(w -> w.contains("from snapshot")).toList(), hasSize(1));
            assertThat(warnings.stream().filter(w -> w.contains("from fallback")).toList(), hasSize(1));
        } finally {
            node.close();
        }
    }
}
