package dev.px0.template.go;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * px0's engine against Go's own text/template (the oracle, built from src/test/go/oracle with Debian's golang-go):
 * the same output byte for byte, or the same parse or execution error, for the hand-written corpus and for
 * thousands of generated combinations. Cases that pass a px0 limit (Go has none) are left out here and checked
 * by TemplateLimitsTest.
 */
class GoParityTest {

    @Test
    void theCorpusRendersAsGoRendersIt() {
        List<Case> cases = Corpus.load();
        Parity.Report r = Parity.compare(cases);
        System.out.println("corpus: " + r.summary());
        assertTrue(r.differences.isEmpty(), () -> Parity.describe(r, 40));
        assertTrue(r.compared > 700, () -> "the corpus shrank: " + r.summary());
    }
}
