package dev.px0.template.go;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Go's own text/template, through the oracle in src/test/go/oracle: built with Debian's golang-go into
 * target/go-oracle on first use, then fed cases in batch ({@link #run}) or one at a time ({@link Session}).
 * Without Go on the machine, it fails saying how to install it: the template tests never skip.
 */
final class GoOracle {

    private GoOracle() {
    }

    private static final Path SOURCE = Path.of("src/test/go/oracle");
    private static final Path BINARY = Path.of("target/go-oracle");
    private static String version;

    /** The oracle's binary, built when missing or older than its source. */
    static synchronized Path binary() {
        try {
            long newest = 0;
            try (Stream<Path> files = Files.list(SOURCE)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
                }
            }
            if (!Files.exists(BINARY) || Files.getLastModifiedTime(BINARY).toMillis() < newest) {
                Path go = go();
                Path tmp = Path.of("target/go-oracle.tmp");
                Files.createDirectories(Path.of("target/go-cache"));
                ProcessBuilder pb = new ProcessBuilder(go.toString(), "build", "-o", tmp.toAbsolutePath().toString(), ".")
                        .directory(SOURCE.toFile()).redirectErrorStream(true);
                pb.environment().put("GOCACHE", Path.of("target/go-cache").toAbsolutePath().toString());
                pb.environment().put("GOPATH", Path.of("target/go-path").toAbsolutePath().toString());
                pb.environment().put("GOPROXY", "off");
                pb.environment().put("GO111MODULE", "on");
                Process p = pb.start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException("building the Go oracle failed:\n" + log);
                }
                Files.move(tmp, BINARY, StandardCopyOption.REPLACE_EXISTING);
            }
            return BINARY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The go command; fails, saying what to install, when there is none. */
    static Path go() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "go");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String p : List.of("/usr/lib/go/bin/go", "/usr/local/go/bin/go", "/usr/lib/go-1.19/bin/go")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new IllegalStateException("The template tests compare px0's engine with Go's text/template and need "
                + "Go (Debian: apt-get install -y golang-go; scripts/test installs it when run as root): "
                + "no go command on PATH");
    }

    /** `go version` of the oracle's toolchain, e.g. "go1.19.8 linux/amd64". */
    static synchronized String version() {
        if (version == null) {
            try {
                Process p = new ProcessBuilder(go().toString(), "version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor(1, TimeUnit.MINUTES);
                Matcher m = Pattern.compile("go version (\\S+ \\S+)").matcher(out);
                version = m.find() ? m.group(1) : out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return version;
    }

    static String request(long id, Case c) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "{\"id\":" + id + ",\"name\":\"" + c.name() + "\",\"tpl\":\""
               + b64.encodeToString(GoStrings.utf8(GoStrings.sanitize(c.template()))) + "\",\"data\":\""
               + b64.encodeToString(c.data()) + "\"}";
    }

    private static final Pattern FIELD = Pattern.compile("\"(id|kind|out|msg)\":(\"([^\"]*)\"|(-?\\d+))");

    static Result parse(String line) {
        String kind = null;
        byte[] out = new byte[0];
        byte[] msg = new byte[0];
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            switch (m.group(1)) {
                case "kind" -> kind = m.group(3);
                case "out" -> out = Base64.getDecoder().decode(m.group(3));
                case "msg" -> msg = Base64.getDecoder().decode(m.group(3));
                default -> {
                }
            }
        }
        if (kind == null) {
            throw new IllegalStateException("oracle answered: " + line);
        }
        return new Result(Result.Kind.valueOf(kind.toUpperCase()), Result.goText(out), Result.goText(msg));
    }

    /** Runs the cases through the oracle in one process, in order. */
    static List<Result> run(List<Case> cases) {
        try (Session s = new Session()) {
            List<Result> results = new ArrayList<>(cases.size());
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < cases.size(); i++) {
                        s.in.write(request(i, cases.get(i)));
                        s.in.write('\n');
                    }
                    s.in.close();
                } catch (IOException e) {
                    // the reader reports the oracle's failure
                }
            }, "go-oracle-writer");
            writer.start();
            for (int i = 0; i < cases.size(); i++) {
                String line = s.out.readLine();
                if (line == null) {
                    throw new IllegalStateException("the Go oracle stopped after " + i + " of " + cases.size()
                                                    + " cases: " + s.stderr());
                }
                results.add(parse(line));
            }
            writer.join();
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A running oracle answering one case at a time. */
    static final class Session implements AutoCloseable {
        private final Process process;
        final BufferedWriter in;
        final BufferedReader out;
        private final Path errors;
        private long next;

        Session() {
            try {
                errors = Files.createTempFile(Path.of("target"), "go-oracle", ".log");
                process = new ProcessBuilder(binary().toAbsolutePath().toString())
                        .redirectError(errors.toFile()).start();
                in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                                        1 << 16);
                out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8),
                                         1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Result ask(Case c) {
            try {
                in.write(request(next++, c));
                in.write('\n');
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException("the Go oracle stopped: " + stderr());
                }
                return parse(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String stderr() {
            try {
                return Files.readString(errors);
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                Files.deleteIfExists(errors);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // a log left in target/
            }
        }
    }
}
