package dev.px0.console;

import java.util.Map;

import dev.px0.testing.Node;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the console tests that drive one px0 node (default test settings) in one real browser: the browser keeps
 * a screenshot of what each test saw and forgets the tab's session after it.
 */
@Tag("browser")
abstract class ConsoleTest {

    protected static Node node;
    protected static Browser browser;

    @BeforeAll
    static void startConsole() {
        Browser.requireInstalled();
        node = Node.start(Map.of());
        browser = new Browser("http://127.0.0.1:" + node.server().port());
    }

    @AfterAll
    static void stopConsole() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            node.close();
        }
    }

    @AfterEach
    void forgetTheTab(TestInfo test) {
        browser.evidence("after-" + test.getTestMethod().orElseThrow().getName());
        browser.forget();
    }
}
