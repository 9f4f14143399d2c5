package dev.px0;

import java.lang.System.Logger.Level;

import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

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
        start(settings);
    }

    /** Starts px0 with these settings and returns the running server. */
    public static WebServer start(Settings settings) {
        Px0 px0 = Px0.start(settings);
        WebServer server = WebServer.builder().update(px0::configure).build().start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("px0-shutdown").unstarted(() -> {
            server.stop();
            px0.close();
        }));
        LOGGER.log(Level.INFO, "px0 listening on http://" + settings.host() + ":" + server.port());
        return server;
    }
}
