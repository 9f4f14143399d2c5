package dev.px0.template.go;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The hand-written cases of src/test/resources/dev/px0/template/go/corpus (format: that folder's README.md). */
final class Corpus {

    private Corpus() {
    }

    static final Path DIR = Path.of("src/test/resources/dev/px0/template/go/corpus");

    static List<Case> load() {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".txt")).sorted()::iterator) {
                cases.addAll(parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private enum Mode { NONE, DATA, CASE, ONE }

    static List<Case> parse(String file, String text) {
        List<Case> cases = new ArrayList<>();
        String data = "{}";
        Mode mode = Mode.NONE;
        String label = null;
        List<String> buffer = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n <= lines.length; n++) {
            String line = n < lines.length ? lines[n] : null;
            boolean starts = line == null || line.startsWith("@@@ ") || line.startsWith("@@ ")
                             || (mode == Mode.ONE && line.isBlank());
            if (starts && mode != Mode.NONE) {
                String body = String.join("\n", buffer);
                switch (mode) {
                    case DATA -> data = body;
                    case CASE, ONE -> cases.add(new Case(label, body, data));
                    default -> {
                    }
                }
                mode = Mode.NONE;
                buffer.clear();
            }
            if (line == null) {
                break;
            }
            if (line.startsWith("@@@ data")) {
                mode = Mode.DATA;
            } else if (line.startsWith("@@@ case ")) {
                mode = Mode.CASE;
                label = file + ": " + line.substring(9);
            } else if (line.startsWith("@@ ")) {
                mode = Mode.ONE;
                label = file + ":" + (n + 1);
                buffer.add(line.substring(3));
            } else if (mode != Mode.NONE) {
                buffer.add(line);
            } else if (!line.isBlank() && !line.startsWith("//")) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": a line outside any case: " + line);
            }
        }
        return cases;
    }
}
