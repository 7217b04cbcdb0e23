package dev.backfire.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The project's conventions for alerting rules, beyond what promtool checks (promtool accepts a rule without
 * {@code for} or annotations): every alert has {@code for}, {@code labels.severity} (critical, warning or info),
 * {@code annotations.summary} and {@code annotations.description}; and every alert is unit-tested both firing
 * and silent.
 */
public final class AlertRuleLint {

    /** Severities the Alertmanager routes know. */
    public static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private static final YAMLMapper YAML = new YAMLMapper();

    private AlertRuleLint() {
    }

    /** Reads a YAML (or JSON) file. */
    public static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Names of the alerting rules in a rule file, in order. */
    public static List<String> alertNames(JsonNode ruleFile) {
        List<String> names = new ArrayList<>();
        for (JsonNode group : ruleFile.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.hasNonNull("alert")) {
                    names.add(rule.get("alert").asText());
                }
            }
        }
        return names;
    }

    /** What breaks the conventions in a rule file; empty when it follows them. */
    public static List<String> problems(JsonNode ruleFile) {
        List<String> problems = new ArrayList<>();
        if (!ruleFile.path("groups").isArray() || ruleFile.path("groups").isEmpty()) {
            problems.add("no `groups`");
            return problems;
        }
        for (JsonNode group : ruleFile.path("groups")) {
            String groupName = group.path("name").asText("<unnamed>");
            for (JsonNode rule : group.path("rules")) {
                if (!rule.hasNonNull("alert")) {
                    continue;
                }
                String where = "group '" + groupName + "', alert '" + rule.get("alert").asText() + "': ";
                if (blank(rule.path("for"))) {
                    problems.add(where + "missing `for` (every alert waits before firing)");
                }
                String severity = rule.path("labels").path("severity").asText("");
                if (!SEVERITIES.contains(severity)) {
                    problems.add(where + "labels.severity must be one of " + SEVERITIES + ", is '" + severity + "'");
                }
                for (String annotation : List.of("summary", "description")) {
                    if (blank(rule.path("annotations").path(annotation))) {
                        problems.add(where + "missing annotations." + annotation);
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Alerts of {@code ruleFile} that the promtool test file does not check both ways: at least one
     * {@code alert_rule_test} expecting it to fire and one expecting it silent.
     */
    public static List<String> untested(JsonNode ruleFile, JsonNode testFile) {
        Set<String> firing = new LinkedHashSet<>();
        Set<String> silent = new LinkedHashSet<>();
        for (JsonNode test : testFile.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String name = check.path("alertname").asText();
                (check.path("exp_alerts").isEmpty() ? silent : firing).add(name);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String alert : alertNames(ruleFile)) {
            if (!firing.contains(alert)) {
                problems.add(alert + ": no unit test expects it to fire");
            }
            if (!silent.contains(alert)) {
                problems.add(alert + ": no unit test expects it to stay silent");
            }
        }
        return problems;
    }

    private static boolean blank(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText("").isBlank();
    }
}
