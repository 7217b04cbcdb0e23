package dev.backfire.chart;

import dev.backfire.chart.Chart.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * k8s/ holds the chart rendered with its default values (release "backfire", namespace "backfire"), one file per
 * template, numbered in Helm's apply order. This test fails when the committed files differ from a fresh render
 * and prints the command that regenerates them; with {@code -Dk8s.regenerate=true} it rewrites them instead.
 */
class K8sManifestsTest {

    /** The one command that regenerates k8s/ (run from the repository root). */
    static final String REGENERATE = "./mvnw -B -q -pl helm test -Dtest=K8sManifestsTest -Dk8s.regenerate=true";

    /** Labels that only make sense for a Helm release; removed from the plain manifests. */
    private static final Pattern HELM_ONLY_LABELS =
            Pattern.compile("(?m)^[ \\t]*(helm\\.sh/chart: .*|app\\.kubernetes\\.io/managed-by: Helm)\\n");

    static Path k8sDir() {
        return Chart.home().resolve("k8s");
    }

    /** File name -> content of the manifests k8s/ must hold. */
    static Map<String, String> expectedFiles() {
        Map<String, List<Document>> byTemplate = new LinkedHashMap<>();
        for (Document doc : Chart.documents(Chart.render(Chart.DEFAULT))) {
            if (doc.source().startsWith("templates/tests/")) {
                continue; // helm test hooks are not part of an installation
            }
            byTemplate.computeIfAbsent(doc.source(), k -> new ArrayList<>()).add(doc);
        }
        Map<String, String> files = new LinkedHashMap<>();
        int order = 0;
        for (Map.Entry<String, List<Document>> template : byTemplate.entrySet()) {
            order += 10;
            String name = String.format("%03d-%s", order, Path.of(template.getKey()).getFileName());
            StringBuilder content = new StringBuilder()
                    .append("# GENERATED from helm/backfire-lab by `").append(REGENERATE).append("` - do not edit.\n")
                    .append("# Default values, release \"").append(Chart.RELEASE).append("\", namespace \"")
                    .append(Chart.NAMESPACE).append("\"; the Helm-only labels are removed. Change the chart, then regenerate.\n");
            for (Document doc : template.getValue()) {
                content.append("---\n").append(HELM_ONLY_LABELS.matcher(doc.text()).replaceAll(""));
            }
            files.put(name, content.toString());
        }
        return files;
    }

    @Test
    void committedManifestsMatchAFreshRenderOfTheChart() throws IOException {
        Map<String, String> expected = expectedFiles();
        if (Boolean.getBoolean("k8s.regenerate")) {
            regenerate(expected);
        }

        Set<String> problems = new TreeSet<>();
        Set<String> committed = committedYamlFiles();
        for (String stale : committed) {
            if (!expected.containsKey(stale)) {
                problems.add("k8s/" + stale + " is not rendered by the chart any more");
            }
        }
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path path = k8sDir().resolve(file.getKey());
            if (!Files.exists(path)) {
                problems.add("k8s/" + file.getKey() + " is missing");
            } else if (!Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                problems.add("k8s/" + file.getKey() + " differs from the chart");
            }
        }
        assertTrue(problems.isEmpty(), () -> "k8s/ is out of date with helm/backfire-lab:\n  "
                + String.join("\n  ", problems) + "\nRegenerate it from the repository root with:\n  " + REGENERATE);
    }

    private static Set<String> committedYamlFiles() throws IOException {
        if (!Files.isDirectory(k8sDir())) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(k8sDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void regenerate(Map<String, String> expected) throws IOException {
        Files.createDirectories(k8sDir());
        for (String old : committedYamlFiles()) {
            Files.delete(k8sDir().resolve(old));
        }
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Files.writeString(k8sDir().resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("Regenerated " + expected.size() + " files in " + k8sDir());
    }
}
