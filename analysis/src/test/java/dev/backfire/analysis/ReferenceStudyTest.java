package dev.backfire.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfire.analysis.results.StudyResults;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the analysis on {@code reference/study-small.csv} and compares it with
 * {@code reference/study-small.expected.json}, computed independently in R (stats, lme4; see the
 * README there). The expected tree is walked generically, so every number in the file is checked
 * and a field missing from our output fails the test.
 *
 * <p>Tolerances (ANALYSIS.md): absolute {@value #ESTIMATE_TOLERANCE} on estimates, {@value #P_TOLERANCE}
 * on p-values (fields named {@code p} or {@code p<Upper>...}, e.g. pHolm); a p-value below
 * {@value #TINY_P} in R only needs to be below {@value #TINY_P} here too. Integers (counts) and strings
 * must be equal.
 */
class ReferenceStudyTest {

    static final double ESTIMATE_TOLERANCE = 1e-6;
    static final double P_TOLERANCE = 1e-4;
    static final double TINY_P = 1e-8;

    private static JsonNode expected;
    private static JsonNode actual;
    private static StudyResults results;

    @BeforeAll
    static void analyse() {
        List<AgentRun> rows = AgentRunCsv.read(new StringReader(TestResources.text("/reference/study-small.csv")),
                "study-small.csv");
        results = StudyAnalyzer.analyze(rows, AnalysisOptions.defaults());
        expected = ResultsJson.tree(TestResources.text("/reference/study-small.expected.json"));
        actual = ResultsJson.tree(ResultsJson.write(results));
    }

    @Test
    void everyExpectedValueIsReproduced() {
        List<String> failures = new ArrayList<>();
        int[] compared = {0};
        compare("$", expected, actual, failures, compared);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + compared[0] + " values differ from R:\n  " + String.join("\n  ", failures));
        }
        assertTrue(compared[0] > 1000, "expected to compare the whole file, compared " + compared[0]);
    }

    @Test
    void languagesKeepFirstAppearanceOrderAndReferenceLevel() {
        assertEquals(List.of("en", "ja", "de", "ko"), new ArrayList<>(results.languages().keySet()));
        assertEquals("en", results.referenceLanguage());
    }

    @Test
    void outputHasNoNonFiniteNumbers() {
        String json = ResultsJson.write(results);
        assertTrue(!json.contains("NaN") && !json.contains("Infinity"), "JSON contains NaN or Infinity");
    }

    @Test
    void jsonRoundTripsToEqualResults() {
        StudyResults reread = ResultsJson.read(ResultsJson.write(results));
        assertEquals(results, reread);
    }

    @Test
    void tableFitsInEightyColumns() {
        String table = ResultsTable.render(results);
        for (String line : table.split("\n")) {
            assertTrue(line.length() <= ResultsTable.WIDTH, "line too wide: " + line);
        }
        assertTrue(table.contains("SAFETY") && table.contains("BACKFIRE"), table);
        assertTrue(table.contains("alignment_ratio:languageko"), table);
    }

    @Test
    void comparatorFailsOnAMissingOrDifferentField() {
        com.fasterxml.jackson.databind.node.ObjectNode damaged = actual.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) damaged.get("signTest")).remove("p");
        ((com.fasterxml.jackson.databind.node.ObjectNode) damaged.at("/languages/ja/cpi")).put("g", 2.1119193);
        List<String> failures = new ArrayList<>();
        compare("$", expected, damaged, failures, new int[] {0});
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(0).contains("languages.ja.cpi.g"), failures.toString());
        assertTrue(failures.get(1).contains("signTest.p: missing"), failures.toString());
    }

    static void compare(String path, JsonNode want, JsonNode got, List<String> failures, int[] compared) {
        if (got == null || got.isMissingNode()) {
            failures.add(path + ": missing in our output");
            return;
        }
        if (want.isObject()) {
            if (!got.isObject()) {
                failures.add(path + ": expected an object, got " + got.getNodeType());
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                compare(path + "." + field.getKey(), field.getValue(), got.get(field.getKey()), failures, compared);
            }
        } else if (want.isArray()) {
            if (!got.isArray() || got.size() != want.size()) {
                failures.add(path + ": expected an array of " + want.size() + ", got " + got);
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(path + "[" + i + "]", want.get(i), got.get(i), failures, compared);
            }
        } else if (want.isNumber()) {
            compared[0]++;
            compareNumber(path, want, got, failures);
        } else if (want.isNull()) {
            compared[0]++;
            if (!got.isNull()) {
                failures.add(path + ": expected null, got " + got);
            }
        } else {
            compared[0]++;
            if (!want.equals(got)) {
                failures.add(path + ": expected " + want + ", got " + got);
            }
        }
    }

    private static void compareNumber(String path, JsonNode want, JsonNode got, List<String> failures) {
        if (!got.isNumber()) {
            failures.add(path + ": expected " + want + ", got " + got);
            return;
        }
        double w = want.doubleValue();
        double g = got.doubleValue();
        String field = path.substring(path.lastIndexOf('.') + 1);
        if (isPValue(field)) {
            boolean ok = w < TINY_P ? g < TINY_P && g >= 0 : Math.abs(w - g) <= P_TOLERANCE;
            if (!ok) {
                failures.add(path + " (p-value): expected " + w + ", got " + g);
            }
        } else if (want.isIntegralNumber()) {
            if (w != g) {
                failures.add(path + " (exact): expected " + want + ", got " + got);
            }
        } else if (!(Math.abs(w - g) <= ESTIMATE_TOLERANCE)) {
            failures.add(path + ": expected " + w + ", got " + g + " (diff " + (g - w) + ")");
        }
    }

    /** p-value fields: {@code p}, or {@code p} followed by an upper-case letter (pHolm, pPermutation). */
    static boolean isPValue(String field) {
        return field.equals("p") || field.length() > 1 && field.charAt(0) == 'p' && Character.isUpperCase(field.charAt(1));
    }
}
