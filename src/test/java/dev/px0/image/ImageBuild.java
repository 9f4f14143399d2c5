package dev.px0.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The image under test, built as a user builds it: {@code scripts/image-base} (the offline base, cached after the
 * first build), then {@code mvn -Pimage jar:jar jib:buildTar} on that base. The test run has compiled px0 already;
 * this build only packs px0's jar (the image holds px0's classes as a jar, which an AOT cache can hold) and
 * assembles the image.
 */
final class ImageBuild {

    /** The name the image under test is loaded as. */
    static final String IMAGE = "localhost/px0:image-test";

    private ImageBuild() {
    }

    /** Builds the image tarball and returns its path. */
    static Path tarball() {
        String base = Processes.run(new ProcessBuilder("scripts/image-base"), Duration.ofMinutes(10),
                                    "scripts/image-base").ok("scripts/image-base").lastLine();
        if (!Files.isRegularFile(Path.of(base))) {
            throw new AssertionError("scripts/image-base named no tarball: " + base);
        }
        Path tarball = Path.of("target", "image-test", "px0-image.tar").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                maven(), "-B", "-q", "-ntp", "-Pimage", "jar:jar", "jib:buildTar", "-Djib.disableUpdateChecks=true",
                "-Dpx0.image.base=tar://" + base, "-Dpx0.image.name=" + IMAGE, "-Djib.outputPaths.tar=" + tarball));
        String repository = System.getProperty("px0.maven.repo.local", "");
        if (!repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository); // the same local repository as the build running us
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Processes.run(builder, Duration.ofMinutes(5), "mvn -Pimage jar:jar jib:buildTar").ok("mvn -Pimage jar:jar jib:buildTar");
        return tarball;
    }

    /** The Maven running this build when it said where it lives, else the one on the PATH. */
    private static String maven() {
        String home = System.getProperty("px0.maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }
}
