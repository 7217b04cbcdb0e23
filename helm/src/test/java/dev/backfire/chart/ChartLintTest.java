package dev.backfire.chart;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code helm lint --strict} passes for values.yaml alone and for every ci/*-values.yaml (Helm v3.21, embedded). */
class ChartLintTest {

    static List<String> scenarios() {
        return Chart.scenarios();
    }

    @ParameterizedTest(name = "helm lint --strict ({0})")
    @MethodSource("scenarios")
    void lintsStrictly(String scenario) throws IOException {
        LintResult result = Chart.lint(scenario);

        assertFalse(result.isFailed(), () -> "helm lint --strict failed for " + scenario + ":\n"
                + String.join("\n", result.getMessages()));
        // Strict lint fails on warnings already; anything above INFO is a finding too.
        assertTrue(result.getMessages().stream().allMatch(m -> m.startsWith("[INFO]")),
                () -> "lint findings for " + scenario + ": " + result.getMessages());
    }
}
