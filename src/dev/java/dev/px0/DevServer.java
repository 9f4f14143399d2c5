package dev.px0;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import dev.px0.config.InvalidSettingException;
import dev.px0.testing.EmbeddedStores;

import io.helidon.logging.common.LogConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * {@code scripts/run}: px0 for a developer's machine. Starts embedded PostgreSQL and Redis (real binaries, data in
 * {@code .px0/}) unless {@code PX0_DATABASE_URL} / {@code PX0_REDIS_URL} name external ones, creates a first
 * admin unless {@code PX0_ADMIN_EMAIL} is set, and prints how to log in. Its folder, {@code src/dev/java}, compiles
 * with the tests (pom.xml adds it as a test source root) because the embedded stores are test dependencies: they
 * never reach {@code target/libs}.
 */
public final class DevServer {

    private static final Path HOME = Path.of(".px0");
    private static final String DEV_ADMIN = "admin@px0.local";

    private DevServer() {
    }

    public static void main(String[] args) throws IOException {
        LogConfig.configureRuntime();
        Map<String, String> overrides = new HashMap<>();
        if (blank("PX0_DATABASE_URL")) {
            EmbeddedPostgres pg = EmbeddedStores.postgres(HOME.resolve("postgres").toAbsolutePath());
            overrides.put("px0.database.url", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres");
            overrides.put("px0.database.username", "postgres");
            overrides.put("px0.database.password", "postgres");
        }
        if (blank("PX0_REDIS_URL")) {
            overrides.put("px0.redis.url",
                          EmbeddedStores.redis(HOME.resolve("redis").toAbsolutePath()).uri().toString());
        }
        Path passwordFile = HOME.resolve("admin-password");
        boolean devAdmin = blank("PX0_ADMIN_EMAIL");
        if (devAdmin) {
            overrides.put("px0.admin.email", DEV_ADMIN);
            overrides.put("px0.admin.password", adminPassword(passwordFile));
        }
        Settings settings;
        try {
            settings = Settings.from(Settings.loadConfig(overrides));
        } catch (InvalidSettingException e) {
            System.err.println("px0: " + e.getMessage());
            System.exit(2);
            return;
        }
        var server = Main.start(settings, devAdmin
                ? DEV_ADMIN + " for scripts/run's embedded dev set-up (its password is in " + passwordFile + ")"
                : Px0.ADMIN_FROM_ENVIRONMENT);
        String base = "http://localhost:" + server.port();
        String email = devAdmin ? DEV_ADMIN : System.getenv("PX0_ADMIN_EMAIL");
        String password = devAdmin ? "'\"$(cat " + passwordFile + ")\"'" : "<PX0_ADMIN_PASSWORD>";
        System.out.println();
        System.out.println("px0 is running on " + base + " (data in " + HOME.toAbsolutePath() + "). Log in with:");
        System.out.println();
        System.out.println("  curl -s " + base + "/v1/auth/login -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}'");
        System.out.println();
        System.out.println("then: curl -s " + base + "/v1/auth/me -H 'Authorization: Bearer <token>'");
        System.out.println();
        System.out.println("or open " + base + "/ in a browser for the console (the same email and password), and "
                           + base + "/openapi/ui/ for the API.");
        System.out.println();
    }

    private static boolean blank(String env) {
        String value = System.getenv(env);
        return value == null || value.isBlank();
    }

    /** The dev admin's password: random, made once, kept in a file only its owner can read. */
    private static String adminPassword(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, password + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return password;
    }
}
