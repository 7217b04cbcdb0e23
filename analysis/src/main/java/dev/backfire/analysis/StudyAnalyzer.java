package dev.backfire.analysis;

import dev.backfire.analysis.RunMeasures.Run;
import dev.backfire.analysis.results.CellMeans;
import dev.backfire.analysis.results.LanguageResult;
import dev.backfire.analysis.results.MixedModelSummary;
import dev.backfire.analysis.results.ModeratorResult;
import dev.backfire.analysis.results.OlsTerm;
import dev.backfire.analysis.results.RunResult;
import dev.backfire.analysis.results.SignTestResult;
import dev.backfire.analysis.results.StudyResults;
import dev.backfire.analysis.stats.Descriptives;
import dev.backfire.analysis.stats.Holm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the whole analysis plan of ANALYSIS.md over one study's agent-runs.
 *
 * <p>Languages are taken in order of first appearance; the first is the reference level of the pooled
 * models. Contrasts compare runs at alignment ratio exactly 1.0 with runs at exactly 0.0. All tests are
 * two-sided. Values that are undefined for the data are null and explained in
 * {@link StudyResults#notes()}; the analysis itself never fails on valid rows. Stateless and thread-safe.
 */
public final class StudyAnalyzer {

    private StudyAnalyzer() {
    }

    /**
     * Analyses one study.
     *
     * <p><em>Preconditions:</em> every (run_id, agent_id) occurs once, and all rows of a run share
     * language and alignment ratio (as {@link AgentRunCsv} guarantees for files).
     *
     * <p><em>Usage note:</em> the mixed models and t-tests assume approximately normal run- and
     * agent-level measures; the permutation p-value (see {@link AnalysisOptions#permutations()}) does not.
     *
     * @param rows    the agent-runs of one study, any order (run order of first appearance is kept)
     * @param options PDI overrides and permutation settings; {@link AnalysisOptions#defaults()} for the plan
     * @return the results; an empty study gives zero counts, empty collections and a note
     * @throws NullPointerException if an argument or a row is null
     * @throws AnalysisInputException if a precondition on the rows fails (the message names the row)
     */
    public static StudyResults analyze(List<AgentRun> rows, AnalysisOptions options) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(options, "options");
        InputChecks.validate(rows, i -> i + 1, "rows");
        Notes notes = new Notes();
        if (rows.isEmpty()) {
            notes.add("no agent-runs: nothing to analyse");
        }
        List<Run> runs = RunMeasures.compute(rows);
        Map<String, List<Run>> byLanguage = new LinkedHashMap<>();
        runs.forEach(run -> byLanguage.computeIfAbsent(run.language(), k -> new ArrayList<>()).add(run));
        List<String> languageOrder = List.copyOf(byLanguage.keySet());

        Map<String, LanguageResult> languages = new LinkedHashMap<>();
        byLanguage.forEach((language, languageRuns) ->
                languages.put(language, LanguageAnalysis.analyze(language, languageRuns, options, notes)));
        applyHolm(languages);

        List<OlsTerm> doseResponse = PooledAnalysis.doseResponse(runs, languageOrder, notes);
        MixedModelSummary pooledMixed = PooledAnalysis.diMixedModel(runs, languageOrder, notes);
        ModeratorResult moderator = PooledAnalysis.moderator(languages, notes);
        SignTestResult signTest = PooledAnalysis.signTest(languages, notes);

        return new StudyResults(runs.size(), rows.size(), languageOrder.isEmpty() ? null : languageOrder.get(0),
                Collections.unmodifiableMap(languages), cells(runs, languageOrder), doseResponse, pooledMixed,
                moderator, signTest, runResults(runs), notes.toList());
    }

    private static void applyHolm(Map<String, LanguageResult> languages) {
        List<String> keys = List.copyOf(languages.keySet());
        List<Double> cpiHolm = Holm.adjust(keys.stream().map(k -> languages.get(k).cpi().p()).toList());
        List<Double> diHolm = Holm.adjust(keys.stream().map(k -> languages.get(k).di().p()).toList());
        for (int i = 0; i < keys.size(); i++) {
            LanguageResult r = languages.get(keys.get(i));
            languages.put(keys.get(i),
                    r.withContrasts(r.cpi().withPHolm(cpiHolm.get(i)), r.di().withPHolm(diHolm.get(i))));
        }
    }

    private static List<CellMeans> cells(List<Run> runs, List<String> languageOrder) {
        List<Double> ratios = runs.stream().map(Run::ratio).distinct().sorted().toList();
        List<CellMeans> cells = new ArrayList<>();
        for (double ratio : ratios) {
            for (String language : languageOrder) {
                List<Run> cell = runs.stream()
                        .filter(r -> r.ratio() == ratio && r.language().equals(language)).toList();
                if (!cell.isEmpty()) {
                    cells.add(new CellMeans(language, ratio,
                            Descriptives.mean(cell.stream().mapToDouble(Run::cpi).toArray()),
                            Descriptives.mean(cell.stream().mapToDouble(Run::di).toArray()), cell.size()));
                }
            }
        }
        return List.copyOf(cells);
    }

    private static List<RunResult> runResults(List<Run> runs) {
        return runs.stream()
                .sorted(Comparator.comparing(Run::runId))
                .map(r -> new RunResult(r.runId(), r.language(), r.ratio(), r.cpi(), r.di(), r.agents().size(),
                        r.monoRatio(), r.protectiveHits(), r.sexualHits()))
                .toList();
    }
}
