package dev.px0.testing;

import java.util.Map;

import dev.px0.prompt.PromptFixture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that run one px0 {@link Node} per class with the default test settings, on the shared stores,
 * with {@link PromptFixture} at hand for projects, users and prompts.
 */
public abstract class OneNodeTest {

    protected static Node node;
    protected static PromptFixture px;
    protected static Api api;

    @BeforeAll
    static void startNode() {
        node = Node.start(Map.of());
        px = new PromptFixture(node);
        api = node.api();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }
}
