package dev.px0.prompt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.px0.testing.Api;
import dev.px0.testing.Node;

import io.helidon.http.Method;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.base;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Real concurrent requests: version numbers stay distinct, label moves stay consistent with their history. */
class ConcurrentChangesTest {

    @Test
    void twentyConcurrentVersionCreatesGetTwentyDistinctNumbers() throws Exception {
        try (Node node = Node.start(Map.of("px0.database.pool.size", "10"));
             ExecutorService clients = Executors.newFixedThreadPool(20)) {
            PromptFixture px = new PromptFixture(node);
            String owner = px.user();
            String project = px.project(owner);
            px.prompt(project, owner, "busy", "text");
            List<Callable<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String template = "version " + i + " {{x}}";
                creates.add(() -> px.version(project, owner, "busy", template));
            }
            HashSet<Integer> numbers = new HashSet<>();
            for (Future<Integer> f : clients.invokeAll(creates)) {
                numbers.add(f.get());
            }
            assertThat(numbers.size(), is(20));
            assertThat(numbers.stream().mapToInt(i -> i).max().orElseThrow(), is(20));
            JsonObject prompt = node.api().json(Method.GET, base(project, "busy"), owner, null).json().getJsonObject("prompt");
            assertThat(prompt.getJsonObject("labels").getInt("latest"), is(20));
        }
    }

    @Test
    void concurrentLabelMovesLeaveAConsistentLabelAndAFullHistory() throws Exception {
        try (Node node = Node.start(Map.of());
             ExecutorService clients = Executors.newFixedThreadPool(10)) {
            PromptFixture px = new PromptFixture(node);
            Api api = node.api();
            String owner = px.user();
            String project = px.project(owner);
            px.prompt(project, owner, "moving", "text");
            for (int i = 0; i < 5; i++) {
                px.version(project, owner, "moving", "v" + i);
            }
            List<Callable<Integer>> moves = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int target = i % 5 + 1;
                moves.add(() -> px.label(project, owner, "moving", "staging", target).status());
            }
            for (Future<Integer> f : clients.invokeAll(moves)) {
                assertThat(f.get(), is(200));
            }

            List<JsonObject> history = api.json(Method.GET, base(project, "moving") + "/labels/staging/history", owner, null)
                    .json().getJsonArray("history").getValuesAs(JsonObject.class);
            assertThat("every move is in the history", history.size(), is(30));
            for (int i = 0; i < history.size() - 1; i++) { // newest first: each move starts where the one before ended
                assertThat(history.get(i).getInt("previous_version"), is(history.get(i + 1).getInt("version")));
            }
            int current = api.json(Method.GET, base(project, "moving") + "/versions/staging", owner, null).json()
                    .getJsonObject("version").getInt("number");
            assertThat("the label is where the last move put it", current, is(history.getFirst().getInt("version")));
        }
    }
}
