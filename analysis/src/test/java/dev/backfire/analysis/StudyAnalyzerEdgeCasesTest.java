package dev.backfire.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.analysis.results.LanguageResult;
import dev.backfire.analysis.results.OlsTerm;
import dev.backfire.analysis.results.StudyResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Degenerate studies: every undefined number must become null with a note, never NaN and never a crash.
 * These tests check structure (null, notes, no NaN), not numbers; numbers are checked against R in
 * {@link ReferenceStudyTest} and the {@code stats} tests.
 */
class StudyAnalyzerEdgeCasesTest {

    private static final AnalysisOptions FAST = AnalysisOptions.defaults().withPermutations(200);

    /** A small two-language study; "en" has ratios 0, 0.5 and 1, "xx" only 0.5. */
    private static List<AgentRun> singleLevelStudy() {
        List<AgentRun> rows = new ArrayList<>();
        double[] ratios = {0, 0.5, 1};
        int seed = 1;
        for (double ratio : ratios) {
            for (int rep = 1; rep <= 3; rep++) {
                addRun(rows, "en-" + ratio + "-" + rep, "en", ratio, rep, seed++);
            }
        }
        for (int rep = 1; rep <= 3; rep++) {
            addRun(rows, "xx-" + rep, "xx", 0.5, rep, seed++);
        }
        return rows;
    }

    private static void addRun(List<AgentRun> rows, String runId, String language, double ratio, int rep, int seed) {
        for (int agent = 1; agent <= 3; agent++) {
            int k = seed * 7 + agent * 3;
            rows.add(new AgentRun(runId, language, ratio, rep, Integer.toString(agent), agent <= ratio * 3,
                    100 + k % 13, 20 + (int) (ratio * 10) + k % 5, 2 + k % 4, 1 + k % 2, 1 + (k / 3) % 3, k % 3,
                    1 + k % 2));
        }
    }

    @Test
    void singleRatioLevelGivesNullsWithNotes() {
        StudyResults r = StudyAnalyzer.analyze(singleLevelStudy(), FAST);
        LanguageResult xx = r.languages().get("xx");
        assertNull(xx.cpi().g());
        assertNull(xx.cpi().p());
        assertNull(xx.cpi().pHolm());
        assertNull(xx.cpi().direction());
        assertNull(xx.di().g());
        assertNull(xx.cpiSlope());
        assertNull(xx.diMixedModel().beta());
        assertNull(xx.harmonyShare());
        assertNull(xx.pdi());
        assertEquals(0, xx.cpi().nAligned());
        assertTrue(noteMentions(r, "xx CPI"), r.notes().toString());
        assertTrue(noteMentions(r, "xx cpiSlope"), r.notes().toString());
        assertTrue(noteMentions(r, "xx diMixedModel"), r.notes().toString());
        assertTrue(noteMentions(r, "xx pdi"), r.notes().toString());

        LanguageResult en = r.languages().get("en");
        assertNotNull(en.cpi().g());
        assertEquals(en.cpi().p(), en.cpi().pHolm(), 1e-15, "Holm over a family of one defined p is the p itself");
        assertNotNull(en.cpi().pPermutation());

        OlsTerm aliased = r.cpiDoseResponse().stream()
                .filter(t -> t.term().equals("alignment_ratio:languagexx")).findFirst().orElseThrow();
        assertNull(aliased.estimate());
        assertTrue(noteMentions(r, "alignment_ratio:languagexx"), r.notes().toString());

        assertNull(r.moderator().r());
        assertTrue(noteMentions(r, "moderator"), r.notes().toString());
        assertEquals(1, r.signTest().n());
        assertNoNonFinite(r);
    }

    @Test
    void zeroVarianceGivesNullsWithNotes() {
        List<AgentRun> rows = new ArrayList<>();
        for (double ratio : new double[] {0, 1}) {
            for (int rep = 1; rep <= 3; rep++) {
                for (int agent = 1; agent <= 3; agent++) {
                    rows.add(new AgentRun("r" + ratio + "-" + rep, "ja", ratio, rep, "a" + agent, false,
                            100, 20, 3, 1, 2, 1, 1));
                }
            }
        }
        StudyResults r = StudyAnalyzer.analyze(rows, FAST);
        LanguageResult ja = r.languages().get("ja");
        assertNull(ja.cpi().g());
        assertNull(ja.cpi().welchT());
        assertEquals(0.0, ja.cpi().meanAligned(), 0.0, "z-scores are 0 when the sd is 0");
        assertNull(ja.diMixedModel().beta());
        assertEquals(0.0, ja.cpiSlope(), 0.0);
        assertTrue(noteMentions(r, "zero pooled standard deviation"), r.notes().toString());
        assertTrue(noteMentions(r, "ja diMixedModel"), r.notes().toString());
        assertNoNonFinite(r);
    }

    @Test
    void oneRunPerGroupGivesNullContrast() {
        List<AgentRun> rows = new ArrayList<>();
        addRun(rows, "a", "de", 0, 1, 1);
        addRun(rows, "b", "de", 1, 1, 2);
        StudyResults r = StudyAnalyzer.analyze(rows, FAST);
        assertNull(r.languages().get("de").cpi().g());
        assertTrue(noteMentions(r, "at least 2 runs per group"), r.notes().toString());
        assertNull(r.signTest().p());
        assertNoNonFinite(r);
    }

    @Test
    void emptyStudyIsAnswerNotCrash() {
        StudyResults r = StudyAnalyzer.analyze(List.of(), FAST);
        assertEquals(0, r.runCount());
        assertTrue(r.languages().isEmpty());
        assertTrue(r.cpiDoseResponse().isEmpty());
        assertNull(r.diMixedModelPooled().beta());
        assertFalse(r.notes().isEmpty());
        assertNoNonFinite(r);
    }

    @Test
    void pdiOverridesReplaceDefaultsAndPermutationsCanBeSwitchedOff() {
        AnalysisOptions options = AnalysisOptions.defaults().withPdiOverrides(Map.of("en", 99.0, "xx", 12.0))
                .withPermutations(0);
        StudyResults r = StudyAnalyzer.analyze(singleLevelStudy(), options);
        assertEquals(99.0, r.languages().get("en").pdi(), 0.0);
        assertEquals(12.0, r.languages().get("xx").pdi(), 0.0);
        assertNull(r.languages().get("en").cpi().pPermutation());
        assertEquals(40.0, PowerDistanceIndex.of("en", Map.of()).orElseThrow(), 0.0);
    }

    @Test
    void permutationPValueIsReproducibleForASeed() {
        StudyResults first = StudyAnalyzer.analyze(singleLevelStudy(), FAST.withSeed(5));
        StudyResults second = StudyAnalyzer.analyze(singleLevelStudy(), FAST.withSeed(5));
        assertEquals(first.languages().get("en").cpi().pPermutation(), second.languages().get("en").cpi().pPermutation());
    }

    @Test
    void inconsistentRowsAreRejectedWithTheirRowNumber() {
        List<AgentRun> rows = new ArrayList<>(singleLevelStudy());
        rows.add(rows.get(0));
        AnalysisInputException duplicate = assertThrows(AnalysisInputException.class,
                () -> StudyAnalyzer.analyze(rows, FAST));
        assertTrue(duplicate.getMessage().contains("duplicate"), duplicate.getMessage());
        assertEquals(rows.size(), duplicate.line());

        List<AgentRun> mixed = new ArrayList<>(singleLevelStudy());
        AgentRun first = mixed.get(0);
        mixed.add(new AgentRun(first.runId(), "ja", first.alignmentRatio(), 1, "99", false, 1, 1, 1, 1, 1, 1, 1));
        AnalysisInputException language = assertThrows(AnalysisInputException.class,
                () -> StudyAnalyzer.analyze(mixed, FAST));
        assertEquals("language", language.column());
    }

    private static boolean noteMentions(StudyResults r, String text) {
        return r.notes().stream().anyMatch(n -> n.contains(text));
    }

    private static void assertNoNonFinite(StudyResults r) {
        String json = ResultsJson.write(r);
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        assertEquals(r, ResultsJson.read(json));
        for (String line : ResultsTable.render(r).split("\n")) {
            assertTrue(line.length() <= ResultsTable.WIDTH, line);
        }
    }
}
