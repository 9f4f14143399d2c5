package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Runs cases through the Java engine and Go, and reports every difference. */
final class Parity {

    /** What a comparison found. */
    static final class Report {
        int cases;
        int compared;
        int limits;
        int addresses;
        final List<String> differences = new ArrayList<>();
        final List<Case> limited = new ArrayList<>();
        long javaNanos;

        String summary() {
            return cases + " cases: " + compared + " compared with Go (" + GoOracle.version() + "), " + limits
                   + " past a px0 limit, " + addresses + " with a memory address in Go's output, "
                   + differences.size() + " differences; Java engine " + (javaNanos / 1_000_000) + " ms";
        }
    }

    private Parity() {
    }

    /** Go prints memory addresses for %p of maps and lists (px0 a fixed c000000000); those cannot be compared. */
    private static final Pattern ADDRESS = Pattern.compile("c0[0-9a-f]{8}");

    /** Whether the two results differ only where Go printed a memory address. */
    static boolean onlyAddressesDiffer(Result java, Result go) {
        return java.kind() == Result.Kind.OK && go.kind() == Result.Kind.OK && java.out().contains("c000000000")
               && ADDRESS.matcher(go.out()).find()
               && ADDRESS.matcher(go.out()).replaceAll("c000000000").equals(java.out());
    }

    static Report compare(List<Case> cases) {
        Report r = new Report();
        r.cases = cases.size();
        List<Case> toGo = new ArrayList<>();
        List<Result> javas = new ArrayList<>();
        long start = System.nanoTime();
        for (Case c : cases) {
            Result java = JavaEngine.run(c);
            if (java.kind() == Result.Kind.CRASH) {
                r.differences.add(c + "\n   java crashed: " + java.msg());
            } else if (java.kind() == Result.Kind.LIMIT) {
                r.limits++;
                r.limited.add(c);
            } else {
                toGo.add(c);
                javas.add(java);
            }
        }
        r.javaNanos = System.nanoTime() - start;
        List<Result> gos = GoOracle.run(toGo);
        for (int i = 0; i < toGo.size(); i++) {
            Result go = gos.get(i);
            if (!javas.get(i).matches(go) && onlyAddressesDiffer(javas.get(i), go)) {
                r.addresses++;
                continue;
            }
            r.compared++;
            if (!javas.get(i).matches(go)) {
                r.differences.add(toGo.get(i) + "\n   java: " + javas.get(i) + "\n   go:   " + go);
            }
        }
        return r;
    }

    static String describe(Report r, int max) {
        StringBuilder b = new StringBuilder(r.summary());
        for (int i = 0; i < Math.min(max, r.differences.size()); i++) {
            b.append("\n\n").append(r.differences.get(i));
        }
        if (r.differences.size() > max) {
            b.append("\n\n... and ").append(r.differences.size() - max).append(" more");
        }
        return b.toString();
    }
}
