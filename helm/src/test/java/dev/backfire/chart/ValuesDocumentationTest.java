package dev.backfire.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * values.yaml documents every value and is tied to its schema and README: each key is either a group of
 * documented keys or has a {@code # --} comment right above it, every documented key is in the values table of
 * helm/README.md, the first line references values.schema.json, and the schema closes the top level and every
 * service block (a misspelt key fails the render) and refuses values of the wrong type or shape.
 */
class ValuesDocumentationTest {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.\\-/]+):(.*)$");

    @Test
    void everyValueHasAComment() throws IOException {
        List<String> undocumented = new ArrayList<>();
        scan(new ArrayList<>(), undocumented);
        assertEquals(List.of(), undocumented, "values without a `# --` comment above them");
    }

    @Test
    void theReadmeTableListsEveryValue() throws IOException {
        List<String> documented = new ArrayList<>();
        scan(documented, new ArrayList<>());
        String readme = Files.readString(Chart.home().resolve("helm/README.md"));
        List<String> missing = documented.stream().filter(key -> !readme.contains("| `" + key + "` |")).toList();
        assertEquals(List.of(), missing, "values missing from the table of helm/README.md");
    }

    /**
     * Walks values.yaml: a key with a `# --` comment block above it is a documented value (its children are part
     * of it); a key without one must open a group of keys.
     */
    private static void scan(List<String> documented, List<String> undocumented) throws IOException {
        List<String> lines = Files.readAllLines(Chart.chartDir().resolve("values.yaml"));
        Deque<Integer> indents = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>();
        // Indentation of the nearest documented ancestor: its children are part of its documented value.
        int documentedIndent = Integer.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            while (!indents.isEmpty() && indents.peekLast() >= indent) {
                indents.removeLast();
                path.removeLast();
            }
            indents.addLast(indent);
            path.addLast(key.group(2));
            if (indent > documentedIndent) {
                continue;
            }
            documentedIndent = Integer.MAX_VALUE;
            if (hasDocComment(lines, i)) {
                documentedIndent = indent;
                documented.add(String.join(".", path));
            } else if (!isGroup(lines, i, indent)) {
                undocumented.add((i + 1) + ": " + lines.get(i).strip());
            }
        }
    }

    /** The comment block right above line i contains a `# --` line. */
    private static boolean hasDocComment(List<String> lines, int i) {
        for (int j = i - 1; j >= 0 && lines.get(j).strip().startsWith("#"); j--) {
            if (lines.get(j).strip().startsWith("# --")) {
                return true;
            }
        }
        return false;
    }

    /** Line i opens a mapping of keys (its next content line is a deeper key). */
    private static boolean isGroup(List<String> lines, int i, int indent) {
        if (!KEY.matcher(lines.get(i)).replaceAll("$3").isBlank()) {
            return false;
        }
        for (int j = i + 1; j < lines.size(); j++) {
            String line = lines.get(j);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher next = KEY.matcher(line);
            return next.matches() && next.group(1).length() > indent;
        }
        return false;
    }

    @Test
    void valuesReferenceTheirSchemaWhichRejectsUnknownKeys() throws IOException {
        String firstLine = Files.readAllLines(Chart.chartDir().resolve("values.yaml")).get(0);
        assertEquals("# yaml-language-server: $schema=values.schema.json", firstLine);

        JsonNode schema = new ObjectMapper().readTree(Chart.chartDir().resolve("values.schema.json").toFile());
        assertEquals(false, schema.path("additionalProperties").asBoolean(true), "top level is closed");
        for (String service : List.of("orchestrator", "agent", "scoring", "stats")) {
            String ref = schema.at("/properties/" + service + "/$ref").asText();
            JsonNode block = schema.at(ref.substring(1));
            assertEquals(false, block.path("additionalProperties").asBoolean(true), service + " block is closed");
        }
        JsonNode scoring = schema.at(schema.at("/properties/scoring/$ref").asText().substring(1));
        for (String feature : List.of("lexiconSets", "judge")) {
            assertEquals(false, scoring.at("/properties/" + feature + "/additionalProperties").asBoolean(true),
                    "scoring." + feature + " is closed");
        }
    }

    /** Values of the scoring-service's re-scoring and judge that the schema must refuse, and what Helm names. */
    static Stream<Arguments> wrongScoringValues() {
        return Stream.of(
                Arguments.of("scoring:\n  judge:\n    enabled: \"yes\"\n", "/scoring/judge/enabled"),
                Arguments.of("scoring:\n  judge:\n    baseUrl: api.openai.com/v1\n", "/scoring/judge/baseUrl"),
                // The key is never a value of the chart: only a Secret reference.
                Arguments.of("scoring:\n  judge:\n    apiKey: sk-not-here\n", "apiKey"),
                Arguments.of("scoring:\n  lexiconSets:\n    enabled: 1\n", "/scoring/lexiconSets/enabled"),
                Arguments.of("scoring:\n  lexiconSets:\n    mountPath: config/sets\n", "/scoring/lexiconSets/mountPath"),
                Arguments.of("scoring:\n  lexiconSets:\n    configMaps: [strict]\n", "/scoring/lexiconSets/configMaps"),
                // A set name is a folder name; `bundled` is the built-in set.
                Arguments.of("scoring:\n  lexiconSets:\n    configMaps:\n      ../up: cm\n", "../up"),
                Arguments.of("scoring:\n  lexiconSets:\n    configMaps:\n      bundled: cm\n", "bundled"),
                Arguments.of("scoring:\n  lexiconSets:\n    existingClaim: false\n", "/scoring/lexiconSets/existingClaim"),
                Arguments.of("networkPolicy:\n  judge:\n    ports: [https]\n", "/networkPolicy/judge/ports/0"),
                Arguments.of("networkPolicy:\n  judge:\n    to: {ipBlock: {cidr: 0.0.0.0/0}}\n", "/networkPolicy/judge/to"));
    }

    @ParameterizedTest(name = "the schema rejects {1}")
    @MethodSource("wrongScoringValues")
    void theSchemaRejectsWrongScoringValues(String values, String named) {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Chart.renderWith(values));
        assertTrue(error.getMessage().contains("don't meet the specifications of the schema"), error.getMessage());
        assertTrue(error.getMessage().contains(named), error.getMessage());
    }

    @Test
    void theSchemaRejectsAMisspeltKey() throws IOException {
        Path values = Files.createTempFile("typo-", "-values.yaml");
        try {
            Files.writeString(values, "agent:\n  replicaCont: 3\n");
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> new Helm(Chart.chartDir()).template().withName(Chart.RELEASE)
                            .withKubeVersion(Chart.KUBE_VERSION).withValuesFile(values).call());
            assertTrue(error.getMessage().contains("replicaCont"), error.getMessage());
        } finally {
            Files.delete(values);
        }
    }
}
