package dev.px0.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Poll;
import dev.px0.testing.Px0Process;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What the SDK's tests run against, built from the server's own test fixtures (its test-jar): px0 processes of the
 * built server ({@link Px0Process}, {@code ../target/px0.jar}) on the test run's real PostgreSQL and Redis
 * ({@code TestStores}), and the API calls that set prompts up ({@link PromptFixture}). Two nodes are shared by the
 * test classes that do not stop them, with the nodes' first admin, a project and a read API key in it; they stop
 * when the test JVM exits.
 */
final class Cluster {

    /** Generous: a slow shared machine must not fail a correct client. */
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String ADMIN_EMAIL = "admin@sdk.test";
    static final String ADMIN_PASSWORD = "sdk-test-admin-password-1";

    private static Cluster instance;

    final Px0Process a;
    final Px0Process b;
    /** Prompts, versions and labels through node A. */
    final PromptFixture prompts;
    /** The first admin's token (a system admin, so an admin of every project). */
    final String admin;
    final String project;
    /** A read API key of {@link #project}. */
    final String key;

    private Cluster() {
        a = node(Map.of());
        b = node(Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            a.close();
            b.close();
        }));
        prompts = new PromptFixture(a.api());
        admin = a.api().token(ADMIN_EMAIL, ADMIN_PASSWORD);
        project = prompts.project(admin);
        key = prompts.apiKey(project, admin, "read");
    }

    static synchronized Cluster get() {
        if (instance == null) {
            instance = new Cluster();
        }
        return instance;
    }

    /**
     * A px0 node of its own, waiting until it listens: the first admin above, heartbeats of a second (so a lost
     * stream shows quickly), and {@code env} on top ({@code SERVER_PORT} to start it where clients already look).
     */
    static Px0Process node(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of(
                "PX0_ADMIN_EMAIL", ADMIN_EMAIL, "PX0_ADMIN_PASSWORD", ADMIN_PASSWORD, "PX0_SHUTDOWN_GRACE", "PT2S",
                "PX0_EVENTS_HEARTBEAT", "PT1S", "PX0_CACHE_HEARTBEAT", "PT1S"));
        all.putAll(env);
        return Px0Process.start(all);
    }

    /** Kills the node (SIGKILL: a crash) and waits until it is gone, so its port is free again. */
    static void crash(Px0Process node) throws InterruptedException {
        node.kill();
        node.waitFor(WAIT);
    }

    Px0Client.Builder client(Px0Process node) {
        return Px0Client.builder().baseUrl(node.url()).apiKey(key).project(project);
    }

    /** A new text prompt of the project with one version, published as production; returns the version's number. */
    int published(String slug, String template) {
        return prompts.published(project, admin, slug, template);
    }

    /** Points a label of a prompt of the project at a version, through {@code via}. */
    void label(PromptFixture via, String slug, String label, int version) {
        Api.Reply reply = via.label(project, admin, slug, label, version);
        assertThat(reply.body(), reply.status(), is(200));
    }

    /** Waits until the condition holds, asking every few milliseconds; fails after {@link #WAIT}. */
    static void until(String what, BooleanSupplier condition) {
        Poll.until(what, WAIT, condition);
    }

    /** Whether {@code action} throws {@code type} now. */
    static boolean throwsNow(Class<? extends Throwable> type, Runnable action) {
        try {
            action.run();
            return false;
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return true;
            }
            throw t;
        }
    }
}
