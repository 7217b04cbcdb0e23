package dev.backfire.analysis;

import dev.backfire.analysis.RunMeasures.Agent;
import dev.backfire.analysis.RunMeasures.Run;
import dev.backfire.analysis.results.LanguageResult;
import dev.backfire.analysis.results.MixedModelSummary;
import dev.backfire.analysis.results.ModeratorResult;
import dev.backfire.analysis.results.OlsTerm;
import dev.backfire.analysis.results.SignTestResult;
import dev.backfire.analysis.stats.Coefficient;
import dev.backfire.analysis.stats.OlsFit;
import dev.backfire.analysis.stats.PearsonTest;
import dev.backfire.analysis.stats.SignTest;
import dev.backfire.analysis.stats.UndefinedStatisticException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ANALYSIS.md section 3, items 7-10: the analyses pooled over languages. */
final class PooledAnalysis {

    private static final String INTERCEPT = "(Intercept)";
    private static final String RATIO = "alignment_ratio";
    private static final String LANGUAGE = "language";

    private PooledAnalysis() {
    }

    /** OLS {@code CPI_run ~ alignment_ratio * language}, treatment coding, first language as reference. */
    static List<OlsTerm> doseResponse(List<Run> runs, List<String> languages, Notes notes) {
        if (runs.isEmpty()) {
            notes.add("cpiDoseResponse: no runs; empty");
            return List.of();
        }
        List<String> others = languages.subList(1, languages.size());
        List<String> terms = new ArrayList<>(List.of(INTERCEPT, RATIO));
        others.forEach(l -> terms.add(LANGUAGE + l));
        others.forEach(l -> terms.add(RATIO + ":" + LANGUAGE + l));
        double[] y = new double[runs.size()];
        double[][] x = new double[runs.size()][terms.size()];
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            y[i] = run.cpi();
            x[i][0] = 1;
            x[i][1] = run.ratio();
            for (int k = 0; k < others.size(); k++) {
                double dummy = run.language().equals(others.get(k)) ? 1 : 0;
                x[i][2 + k] = dummy;
                x[i][2 + others.size() + k] = dummy * run.ratio();
            }
        }
        OlsFit fit = OlsFit.fit(y, x, terms);
        List<OlsTerm> out = new ArrayList<>();
        for (Coefficient c : fit.coefficients()) {
            if (c.estimate() == null) {
                notes.add("cpiDoseResponse: term " + c.term() + " is not estimable (aliased, R reports NA); null");
            } else if (c.se() == null) {
                notes.add("cpiDoseResponse: term " + c.term() + " has no standard error (no residual degrees"
                        + " of freedom or an exact fit); se, t and p are null");
            }
            out.add(new OlsTerm(c.term(), c.estimate(), c.se(), c.t(), c.p()));
        }
        return List.copyOf(out);
    }

    /** REML {@code DI_agent ~ alignment_ratio + language + (1 | run_id)}. */
    static MixedModelSummary diMixedModel(List<Run> runs, List<String> languages, Notes notes) {
        List<Agent> agents = runs.stream().flatMap(r -> r.agents().stream()).toList();
        List<String> others = languages.isEmpty() ? List.of() : languages.subList(1, languages.size());
        List<String> terms = new ArrayList<>(List.of(INTERCEPT, RATIO));
        others.forEach(l -> terms.add(LANGUAGE + l));
        double[] y = new double[agents.size()];
        double[][] x = new double[agents.size()][terms.size()];
        String[] group = new String[agents.size()];
        for (int i = 0; i < agents.size(); i++) {
            AgentRun row = agents.get(i).row();
            y[i] = agents.get(i).di();
            group[i] = row.runId();
            x[i][0] = 1;
            x[i][1] = row.alignmentRatio();
            for (int k = 0; k < others.size(); k++) {
                x[i][2 + k] = row.language().equals(others.get(k)) ? 1 : 0;
            }
        }
        return MixedModels.fitRatioEffect(y, x, terms, group, 1, "diMixedModelPooled", notes);
    }

    /** Pearson r of per-language CPI g against PDI, languages with both defined. */
    static ModeratorResult moderator(Map<String, LanguageResult> languages, Notes notes) {
        List<double[]> pairs = new ArrayList<>();
        languages.forEach((language, result) -> {
            if (result.cpi().g() != null && result.pdi() != null) {
                pairs.add(new double[] {result.cpi().g(), result.pdi()});
            }
        });
        int n = pairs.size();
        if (n < PearsonTest.MIN_PAIRS) {
            notes.add("moderator: needs at least " + PearsonTest.MIN_PAIRS + " languages with a CPI g and a PDI,"
                    + " found " + n + "; r, t, df and p are null");
            return new ModeratorResult(null, null, null, null, n);
        }
        double[] g = pairs.stream().mapToDouble(pair -> pair[0]).toArray();
        double[] pdi = pairs.stream().mapToDouble(pair -> pair[1]).toArray();
        try {
            PearsonTest test = PearsonTest.compute(g, pdi);
            if (test.t() == null) {
                notes.add("moderator: |r| = 1, t is infinite (null) and p is 0");
            }
            return new ModeratorResult(test.r(), test.t(), test.df(), test.p(), n);
        } catch (UndefinedStatisticException e) {
            notes.add("moderator: " + e.getMessage() + "; r, t and p are null");
            return new ModeratorResult(null, null, n - 2, null, n);
        }
    }

    /** Sign test: languages with CPI g &gt; 0 out of those with a defined g. */
    static SignTestResult signTest(Map<String, LanguageResult> languages, Notes notes) {
        List<Double> gs = languages.values().stream().map(r -> r.cpi().g()).filter(g -> g != null).toList();
        int positive = (int) gs.stream().filter(g -> g > 0).count();
        if (gs.isEmpty()) {
            notes.add("signTest: no language has a defined CPI g; p is null");
            return new SignTestResult(0, 0, null);
        }
        SignTest test = SignTest.compute(positive, gs.size());
        return new SignTestResult(test.positive(), test.n(), test.p());
    }
}
