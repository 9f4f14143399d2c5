package dev.px0.client;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Two px0 nodes on the same PostgreSQL and Redis, shared by the test classes that do not stop them; a project and a
 * read API key in it. Stopped when the test JVM exits.
 */
final class Cluster {

    /** Generous: a slow shared machine must not fail a correct client. */
    static final Duration WAIT = Duration.ofSeconds(15);

    private static Cluster instance;

    final Node a;
    final Node b;
    final Admin admin;
    final String project;
    final String key;

    private Cluster() {
        a = Node.start();
        b = Node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            a.close();
            b.close();
        }));
        admin = Admin.login(a);
        project = admin.project();
        key = admin.apiKey(project);
    }

    static synchronized Cluster get() {
        if (instance == null) {
            instance = new Cluster();
        }
        return instance;
    }

    Px0Client.Builder client(Node node) {
        return Px0Client.builder().baseUrl(node.url()).apiKey(key).project(project);
    }

    /** Waits until the condition holds, asking every few milliseconds; fails after {@link #WAIT}. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + WAIT);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
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
