package dev.px0;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.px0.config.InvalidSettingException;
import dev.px0.telemetry.Telemetry;

import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import sun.misc.Signal;

/** Starts px0: settings, stores, server. Stops cleanly on SIGTERM. */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Settings settings;
        try {
            settings = Settings.from(Settings.loadConfig());
        } catch (InvalidSettingException e) {
            System.err.println("px0: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            start(settings);
        } catch (RuntimeException e) {
            // PostgreSQL unreachable at start-up, say: one line that says so first, the details after it
            LOGGER.log(Level.ERROR, "px0 could not start: " + e.getMessage(), e);
            System.exit(1);
        }
    }

    /**
     * Starts px0 with these settings and returns the running server. On SIGTERM or SIGINT the server stops
     * accepting, lets requests in flight finish (up to {@code PX0_SHUTDOWN_GRACE}), closes the pools, logs one line
     * saying how long that took, and the process exits with 0.
     */
    public static WebServer start(Settings settings) {
        return start(settings, Px0.ADMIN_FROM_ENVIRONMENT);
    }

    /** As {@link #start(Settings)}, the first admin (if created) coming from {@code adminOrigin}. */
    public static WebServer start(Settings settings, String adminOrigin) {
        Px0 px0 = Px0.start(settings, Telemetry.fromEnvironment().bridgeLogs(), adminOrigin);
        WebServer server = WebServer.builder().update(px0::configure).shutdownHook(false).build().start();
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                long start = System.nanoTime();
                px0.endStreams(); // change streams never end by themselves: end them so the server stops at once
                server.stop();
                long drained = System.nanoTime();
                px0.close();
                LOGGER.log(Level.INFO, "px0 stopped: requests in flight drained in " + millis(drained - start)
                        + " ms (PX0_SHUTDOWN_GRACE " + settings.shutdownGrace() + "), stores closed in "
                        + millis(System.nanoTime() - drained) + " ms");
            }
        };
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("px0-shutdown").unstarted(stop));
        // On a signal px0 stops before the JVM's shutdown begins: in a shutdown hook the log line could be lost,
        // as java.util.logging closes its handlers in a shutdown hook of its own.
        exitZeroOn("TERM", stop);
        exitZeroOn("INT", stop);
        LOGGER.log(Level.INFO, "px0 listening on http://" + settings.host() + ":" + server.port());
        return server;
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    /** A stop asked for by a signal is a normal end: stop, then exit 0. */
    private static void exitZeroOn(String signal, Runnable stop) {
        try {
            // the handler's own thread is a daemon: the JVM would end under it once the server's threads are gone
            Signal.handle(new Signal(signal), s -> Thread.ofPlatform().name("px0-stop").daemon(false).start(() -> {
                stop.run();
                System.exit(0);
            }));
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.DEBUG, "Signal " + signal + " cannot be handled here");
        }
    }
}
