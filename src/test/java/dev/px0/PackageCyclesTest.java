package dev.px0;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.dependencies.syntax.SlicesShould;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * No package of px0 imports another in a circle: read from the compiled classes of {@code src/main} (ArchUnit), each
 * package below {@code dev.px0} with its subpackages is one slice, and {@code dev.px0} itself (Main, Px0, Settings)
 * is one more. The package graph, each package with the packages it imports, is written to
 * {@code target/package-graph.txt} on every run and shown in a failure, with the edges that close a circle marked.
 */
class PackageCyclesTest {

    static final String ROOT = "dev.px0";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageImportsAnotherInACircle() throws IOException {
        Map<String, Map<String, String>> graph = graph(classes);
        String shown = show(graph);
        Files.writeString(Path.of("target", "package-graph.txt"), shown);
        EvaluationResult result = rule().evaluate(classes);
        if (result.hasViolation()) {
            throw new AssertionError("Packages import each other in a circle.\n\n" + shown + "\nArchUnit: "
                                             + firstLines(result.getFailureReport().toString(), 30));
        }
    }

    private static SliceRule rule() {
        SlicesShould should = slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String slice = slice(javaClass.getPackageName());
                return slice == null ? SliceIdentifier.ignore() : SliceIdentifier.of(slice);
            }

            @Override
            public String getDescription() {
                return "the packages of " + ROOT + " (" + ROOT + " itself is one)";
            }
        }).should();
        return should.beFreeOfCycles();
    }

    /** {@code dev.px0} for the root package, {@code http} for {@code dev.px0.http} and below; null outside px0. */
    static String slice(String packageName) {
        if (packageName.equals(ROOT)) {
            return ROOT;
        }
        if (!packageName.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Each package, the packages it imports, and for each one dependency that shows it. */
    static Map<String, Map<String, String>> graph(JavaClasses classes) {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = slice(c.getPackageName());
            if (from == null) {
                continue;
            }
            Map<String, String> imports = graph.computeIfAbsent(from, k -> new TreeMap<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = slice(d.getTargetClass().getBaseComponentType().getPackageName());
                if (to != null && !to.equals(from)) {
                    imports.putIfAbsent(to, example(d));
                }
            }
        }
        return graph;
    }

    /** {@code JsonBody uses dev.px0.Px0 (JsonBody.java:93)}. */
    private static String example(Dependency d) {
        JavaClass origin = d.getOriginClass();
        String name = origin.getName().substring(origin.getPackageName().length() + 1);
        return name + " uses " + d.getTargetClass().getBaseComponentType().getName() + " " + d.getSourceCodeLocation();
    }

    /** The graph as text: {@code package -> imports}, then each import that closes a circle with an example. */
    static String show(Map<String, Map<String, String>> graph) {
        StringBuilder out = new StringBuilder("Package graph (each package -> the packages it imports):\n");
        graph.forEach((from, imports) -> out.append(String.format("  %-10s -> %s%n", from,
                                                                   imports.isEmpty() ? "(nothing)" : String.join(", ", imports.keySet()))));
        StringBuilder circular = new StringBuilder();
        graph.forEach((from, imports) -> imports.forEach((to, example) -> {
            if (reaches(graph, to, from)) {
                circular.append("  ").append(from).append(" -> ").append(to).append(": ").append(example).append('\n');
            }
        }));
        out.append(circular.isEmpty() ? "No import closes a circle.\n"
                : "Imports on a circle (the package imported reaches back), one example each:\n" + circular);
        return out.toString();
    }

    private static boolean reaches(Map<String, Map<String, String>> graph, String from, String to) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(from));
        while (!next.isEmpty()) {
            String at = next.poll();
            if (at.equals(to)) {
                return true;
            }
            if (seen.add(at)) {
                next.addAll(graph.getOrDefault(at, Map.of()).keySet());
            }
        }
        return false;
    }

    private static String firstLines(String text, int lines) {
        String[] all = text.split("\n");
        return all.length <= lines ? text : String.join("\n", List.of(all).subList(0, lines)) + "\n  …";
    }
}
