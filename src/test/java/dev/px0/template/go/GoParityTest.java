package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * px0's engine against Go's own text/template (the oracle, built from src/test/go/oracle with Debian's golang-go):
 * the same output byte for byte, or the same parse or execution error (message included), for the hand-written
 * corpus and for thousands of generated combinations on every run: fixed seeds, plus one random seed per run,
 * printed (set -Dpx0.template.seed=N to replay it). Cases that pass a px0 limit (Go has none) are left out here
 * and checked by TemplateLimitsTest; so are outputs with a memory address (Go's %p of a map or list).
 */
class GoParityTest {

    private static final long SEED = Long.getLong("px0.template.seed", ThreadLocalRandom.current().nextLong());

    private static void assertSameAsGo(String what, List<Case> cases, int atLeast) {
        Parity.Report r = Parity.compare(cases);
        System.out.println(what + ": " + r.summary());
        assertTrue(r.differences.isEmpty(), () -> what + ": " + Parity.describe(r, 40));
        assertTrue(r.compared >= atLeast, () -> what + ": fewer cases compared than expected: " + r.summary());
    }

    @Test
    void theCorpusRendersAsGoRendersIt() {
        List<Case> cases = new ArrayList<>(Corpus.load());
        cases.addAll(Edges.specials());
        assertSameAsGo("corpus", cases, 720);
    }

    @Test
    void generatedTemplatesRenderAsGoRendersThem() {
        System.out.println("generated templates: fixed seeds 1 and 2, and seed " + SEED
                           + " (replay: -Dpx0.template.seed=" + SEED + ")");
        List<Case> cases = new ArrayList<>();
        cases.addAll(new Generator(1).cases("seed 1", 2000));
        cases.addAll(new Generator(2).cases("seed 2", 2000));
        cases.addAll(new Generator(SEED).cases("seed " + SEED, 2000));
        assertSameAsGo("generated templates", cases, 5900);
    }

    @Test
    void mutatedCorpusTemplatesRenderAsGoRendersThem() {
        System.out.println("mutations: fixed seed 1 and seed " + SEED);
        List<Case> cases = new ArrayList<>(Edges.mutations(1, 1500));
        cases.addAll(Edges.mutations(SEED, 1500));
        assertSameAsGo("mutations", cases, 2900);
    }

    @Test
    void floatsPrintAsGoPrintsThem() {
        System.out.println("floats: fixed seed 1 and seed " + SEED);
        List<Case> cases = new ArrayList<>(Edges.floats(1, 1000));
        cases.addAll(Edges.floats(SEED, 500));
        assertSameAsGo("floats", cases, 1500);
    }

    @Test
    void unicodeGoesThroughAsInGo() {
        System.out.println("unicode: fixed seed 1 and seed " + SEED);
        List<Case> cases = new ArrayList<>(Edges.unicode(1, 1000));
        cases.addAll(Edges.unicode(SEED, 500));
        assertSameAsGo("unicode", cases, 1500);
    }
}
