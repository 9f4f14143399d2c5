package dev.px0;

import java.lang.System.Logger.Level;

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
        } catch (Settings.InvalidSettingException e) {
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
     * accepting, lets requests in flight finish (up to {@code PX0_SHUTDOWN_GRACE}), closes the pools, and the
     * process exits with 0.
     */
    public static WebServer start(Settings settings) {
        Px0 px0 = Px0.start(settings, Telemetry.fromEnvironment().bridgeLogs());
        WebServer server = WebServer.builder().update(px0::configure).shutdownHook(false).build().start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("px0-shutdown").unstarted(() -> {
            px0.endStreams(); // change streams never end by themselves: end them so the server stops at once
            server.stop();
            px0.close();
        }));
        exitZeroOn("TERM");
        exitZeroOn("INT");
        LOGGER.log(Level.INFO, "px0 listening on http://" + settings.host() + ":" + server.port());
        return server;
    }

    /** A stop asked for by a signal is a normal end: exit 0 (the shutdown hook above still runs). */
    private static void exitZeroOn(String signal) {
        try {
            Signal.handle(new Signal(signal), s -> System.exit(0));
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.DEBUG, "Signal " + signal + " cannot be handled here");
        }
    }
}
