package dev.px0.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Podman (4.3, Debian's) as these machines run it without a daemon: runc as the runtime, cgroupfs, no default
 * ulimits, and its whole storage under {@code target/podman}, so nothing global is needed or touched.
 */
final class Podman {

    private static final String CONTAINERS_CONF = """
            # written by the image test: podman 4.3 on these machines
            [containers]
            default_ulimits = []
            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            """;

    private final Path home;
    private final Path containersConf;

    private Podman(Path home) {
        this.home = home;
        this.containersConf = home.resolve("containers.conf");
    }

    /**
     * Podman with its storage under {@code home}. Fails, saying what to install, when podman or runc is missing:
     * the image test is part of the suite and never skips by itself.
     */
    static Podman under(Path home) {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("podman", "runc")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("the image test needs " + String.join(" and ", missing)
                    + " (and root): on Debian run scripts/test as root, which installs podman, runc and debootstrap,"
                    + " or apt-get install -y podman runc debootstrap; elsewhere run it with -Dpx0.image.test=skip");
        }
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("containers.conf"), CONTAINERS_CONF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Podman(home.toAbsolutePath());
    }

    /** Runs {@code podman <args>} with this storage, with {@code env} added to podman's environment. */
    Processes.Result run(Duration timeout, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "podman", "--root", home.resolve("storage").toString(), "--runroot", home.resolve("run").toString(),
                "--storage-driver", "overlay", "--runtime", "runc", "--cgroup-manager", "cgroupfs"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CONTAINERS_CONF", containersConf.toString());
        builder.environment().putAll(env);
        return Processes.run(builder, timeout, "podman " + String.join(" ", args));
    }

    Processes.Result run(Duration timeout, String... args) {
        return run(timeout, Map.of(), args);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }
}
