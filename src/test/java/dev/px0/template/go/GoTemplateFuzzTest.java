package dev.px0.template.go;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Coverage-guided fuzzing (Jazzer) of the engine over templates × variables, each input also run by Go's
 * text/template (a long-lived oracle). The properties: no exception but the engine's refusals (never a
 * StackOverflowError or a bug's RuntimeException), every output within the output limit, and the same result as Go
 * whenever no px0 limit was passed. In the normal test run Jazzer replays the seeds and findings in
 * src/test/resources/dev/px0/template/go/GoTemplateFuzzTestInputs/; fuzzing mode searches for new inputs:
 * {@code JAZZER_FUZZ=1 scripts/test -Dtest=GoTemplateFuzzTest -Djazzer.max_duration=15m}.
 *
 * <p>Input: the template's UTF-8 bytes, then optionally a 0 byte and the variables' JSON; without them, one of the
 * generator's variable sets.
 */
class GoTemplateFuzzTest {

    private static GoOracle.Session oracle;

    @BeforeAll
    static void startOracle() {
        oracle = new GoOracle.Session();
    }

    @AfterAll
    static void stopOracle() {
        oracle.close();
    }

    @FuzzTest(maxDuration = "15m")
    @DictionaryFile(resourcePath = "/dev/px0/template/go/template.dict")
    void everyTemplateRendersAsGoOrIsRefused(byte[] input) {
        int zero = -1;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == 0) {
                zero = i;
                break;
            }
        }
        String template = new String(input, 0, zero < 0 ? input.length : zero, StandardCharsets.UTF_8);
        byte[] data = zero < 0 ? Generator.DATA[Math.floorMod(template.length(), Generator.DATA.length)]
                .getBytes(StandardCharsets.UTF_8) : Arrays.copyOfRange(input, zero + 1, input.length);
        Case c = new Case("fuzz", "prompt", template, data);
        Result java = JavaEngine.run(c);
        if (java.kind() == Result.Kind.CRASH) {
            fail(c + "\n" + java.msg());
        }
        if (java.kind() == Result.Kind.OK) {
            assertTrue(GoStrings.byteLength(java.out()) <= GoTemplate.MAX_OUTPUT_BYTES, () -> c + ": output too long");
        }
        if (java.kind() == Result.Kind.LIMIT) {
            return;
        }
        Result go = oracle.ask(c);
        assertTrue(java.matches(go) || Parity.onlyAddressesDiffer(java, go),
                   () -> c + "\n   java: " + java + "\n   go:   " + go);
    }
}
