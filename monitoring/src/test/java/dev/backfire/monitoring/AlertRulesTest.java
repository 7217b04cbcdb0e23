package dev.backfire.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** monitoring/alerts: promtool check and unit tests, and the project's rule conventions. */
class AlertRulesTest {

    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();
    private static final List<String> EXPECTED_ALERTS = List.of(
            "BackfireDetected", "StudyStalled", "BudgetNearlySpent", "ModelErrorRateHigh", "DeadLettersIncreasing");

    private static Promtool promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Promtool.require();
    }

    @Test
    void ruleFilePassesPromtoolCheck() {
        ExternalTool.Result result = promtool.checkRules(List.of(REPO.rulesFile()));
        assertTrue(result.ok(), result::describe);
        assertTrue(result.output().contains("SUCCESS: " + EXPECTED_ALERTS.size() + " rules found"), result::describe);
    }

    @Test
    void unitTestsPass() {
        ExternalTool.Result result = promtool.testRules(REPO.rulesTestFile());
        assertTrue(result.ok(), result::describe);
        assertTrue(result.output().contains("SUCCESS"), result::describe);
    }

    @Test
    void everyExpectedAlertExistsAndFollowsTheConventions() {
        JsonNode rules = AlertRuleLint.read(REPO.rulesFile());
        assertEquals(EXPECTED_ALERTS.stream().sorted().toList(), AlertRuleLint.alertNames(rules).stream().sorted().toList());
        assertEquals(List.of(), AlertRuleLint.problems(rules));
    }

    @Test
    void everyAlertIsUnitTestedFiringAndSilent() {
        assertEquals(List.of(), AlertRuleLint.untested(
                AlertRuleLint.read(REPO.rulesFile()), AlertRuleLint.read(REPO.rulesTestFile())));
    }

    // --- negative cases: the checks do fail on broken input ---

    @Test
    void aRuleWithoutForIsRejected() {
        JsonNode rules = AlertRuleLint.read(REPO.rulesFile());
        ObjectNode firstAlert = (ObjectNode) rules.path("groups").get(0).path("rules").get(0);
        firstAlert.remove("for");
        ((ObjectNode) firstAlert.path("annotations")).remove("description");

        List<String> problems = AlertRuleLint.problems(rules);

        String alert = firstAlert.path("alert").asText();
        assertTrue(problems.stream().anyMatch(p -> p.contains(alert) && p.contains("missing `for`")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("missing annotations.description")), problems::toString);
    }

    @Test
    void anAlertTestedOnlyOneWayIsReported() {
        JsonNode tests = AlertRuleLint.read(REPO.rulesTestFile());
        // Drop every check that expects BudgetNearlySpent silent.
        for (JsonNode test : tests.path("tests")) {
            ArrayNode checks = (ArrayNode) test.path("alert_rule_test");
            for (int i = checks.size() - 1; i >= 0; i--) {
                if ("BudgetNearlySpent".equals(checks.get(i).path("alertname").asText())
                        && checks.get(i).path("exp_alerts").isEmpty()) {
                    checks.remove(i);
                }
            }
        }
        assertEquals(List.of("BudgetNearlySpent: no unit test expects it to stay silent"),
                AlertRuleLint.untested(AlertRuleLint.read(REPO.rulesFile()), tests));
    }

    @Test
    void brokenPromqlInARuleFailsPromtoolCheck(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken-rules.yml");
        Files.writeString(broken, """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum by (study (backfire_orchestrator_runs) > 0
                        for: 5m
                        labels:
                          severity: warning
                        annotations:
                          summary: s
                          description: d
                """);
        ExternalTool.Result result = promtool.checkRules(List.of(broken));
        assertFalse(result.ok(), result::describe);
        assertTrue(result.output().contains("parse error"), result::describe);
    }

    @Test
    void aWrongExpectationFailsPromtoolTest(@TempDir Path dir) throws Exception {
        Files.copy(REPO.rulesFile(), dir.resolve(REPO.rulesFile().getFileName()));
        String tests = Files.readString(REPO.rulesTestFile());
        // Expect the alert on English, where the CI lies below zero (a safety effect), instead of Japanese.
        String wrong = tests.replace("              study: s1\n              language: ja\n",
                "              study: s1\n              language: en\n");
        assertNotEquals(tests, wrong, "the test file no longer contains the BackfireDetected expectation");
        Path testFile = dir.resolve(REPO.rulesTestFile().getFileName());
        Files.writeString(testFile, wrong);

        ExternalTool.Result result = promtool.testRules(testFile);
        assertFalse(result.ok(), result::describe);
        assertTrue(result.output().contains("FAILED"), result::describe);
    }

    @Test
    void aMissingPromtoolFailsWithInstallInstructions() {
        String previous = System.getProperty("promtool");
        System.setProperty("promtool", "/nonexistent/promtool");
        try {
            ExternalTool.MissingToolException error =
                    assertThrows(ExternalTool.MissingToolException.class, Promtool::require);
            assertTrue(error.getMessage().contains("apt-get install -y prometheus"), error.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("promtool");
            } else {
                System.setProperty("promtool", previous);
            }
        }
    }
}
