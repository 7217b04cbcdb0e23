package dev.backfire.analysis;

import dev.backfire.analysis.RunMeasures.Agent;
import dev.backfire.analysis.RunMeasures.Run;
import dev.backfire.analysis.results.Contrast;
import dev.backfire.analysis.results.Direction;
import dev.backfire.analysis.results.LanguageResult;
import dev.backfire.analysis.results.MixedModelSummary;
import dev.backfire.analysis.stats.Descriptives;
import dev.backfire.analysis.stats.HedgesG;
import dev.backfire.analysis.stats.OlsFit;
import dev.backfire.analysis.stats.PermutationTest;
import dev.backfire.analysis.stats.UndefinedStatisticException;
import dev.backfire.analysis.stats.WelchTest;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** ANALYSIS.md section 3, items 1, 2 and 4-6, for one language (Holm is applied by the caller). */
final class LanguageAnalysis {

    /** The aligned cell of the contrasts. */
    static final double ALIGNED_RATIO = 1.0;
    /** The unaligned cell of the contrasts. */
    static final double UNALIGNED_RATIO = 0.0;

    private LanguageAnalysis() {
    }

    static LanguageResult analyze(String language, List<Run> runs, AnalysisOptions options, Notes notes) {
        List<Run> aligned = runs.stream().filter(r -> r.ratio() == ALIGNED_RATIO).toList();
        List<Run> unaligned = runs.stream().filter(r -> r.ratio() == UNALIGNED_RATIO).toList();
        Contrast cpi = contrast(language + " CPI", values(aligned, Run::cpi), values(unaligned, Run::cpi),
                options, notes);
        Contrast di = contrast(language + " DI", values(aligned, Run::di), values(unaligned, Run::di), options, notes);
        Double slope = null;
        try {
            slope = OlsFit.slope(values(runs, Run::ratio), values(runs, Run::cpi));
        } catch (UndefinedStatisticException e) {
            notes.add(language + " cpiSlope: " + e.getMessage() + "; null");
        }
        Double pdi = PowerDistanceIndex.of(language, options.pdiOverrides()).orElse(null);
        if (pdi == null) {
            notes.add(language + " pdi: no Power Distance Index known for this language; pass one in the"
                    + " PDI overrides to include it in the moderator analysis");
        }
        List<Agent> alignedAgents = aligned.stream().flatMap(r -> r.agents().stream()).toList();
        Double harmonyShare = ratio(alignedAgents, a -> a.row().harmonyHits(), a -> a.row().protectiveHits(),
                language + " harmonyShare", "protective hits", notes);
        Double conformity = ratio(alignedAgents, a -> a.row().conformityHits(), a -> a.row().individuationHits(),
                language + " conformityToIndividuation", "individuation hits", notes);
        int agentRuns = runs.stream().mapToInt(r -> r.agents().size()).sum();
        return new LanguageResult(cpi, di, mixedModel(language, runs, notes), slope, pdi, harmonyShare, conformity,
                runs.size(), agentRuns);
    }

    private static MixedModelSummary mixedModel(String language, List<Run> runs, Notes notes) {
        List<Agent> agents = runs.stream().flatMap(r -> r.agents().stream()).toList();
        double[] y = new double[agents.size()];
        double[][] x = new double[agents.size()][];
        String[] group = new String[agents.size()];
        for (int i = 0; i < agents.size(); i++) {
            AgentRun row = agents.get(i).row();
            y[i] = agents.get(i).di();
            x[i] = new double[] {1, row.alignmentRatio()};
            group[i] = row.runId();
        }
        return MixedModels.fitRatioEffect(y, x, List.of("(Intercept)", "alignment_ratio"), group, 1,
                language + " diMixedModel", notes);
    }

    private static Contrast contrast(String label, double[] a, double[] b, AnalysisOptions options, Notes notes) {
        Double meanA = a.length > 0 ? Descriptives.mean(a) : null;
        Double meanB = b.length > 0 ? Descriptives.mean(b) : null;
        HedgesG g = null;
        try {
            g = HedgesG.compute(a, b);
        } catch (UndefinedStatisticException e) {
            notes.add(label + ": Hedges' g is null: " + e.getMessage());
        }
        WelchTest welch = null;
        try {
            welch = WelchTest.compute(a, b);
        } catch (UndefinedStatisticException e) {
            notes.add(label + ": Welch test is null: " + e.getMessage());
        }
        Double permutationP = null;
        if (g != null && options.permutations() > 0) {
            permutationP = PermutationTest.pValue(a, b, options.permutations(), options.seed());
        }
        return new Contrast(g == null ? null : g.g(), g == null ? null : g.se(), g == null ? null : g.ciLow(),
                g == null ? null : g.ciHigh(), a.length, b.length, meanA, meanB,
                welch == null ? null : welch.t(), welch == null ? null : welch.df(), welch == null ? null : welch.p(),
                g == null ? null : Direction.of(g.ciLow(), g.ciHigh()), null, permutationP);
    }

    private static Double ratio(List<Agent> agents, ToDoubleFunction<Agent> numerator,
                                ToDoubleFunction<Agent> denominator, String label, String denominatorName,
                                Notes notes) {
        if (agents.isEmpty()) {
            notes.add(label + ": no runs at alignment ratio 1.0; null");
            return null;
        }
        double den = agents.stream().mapToDouble(denominator).sum();
        if (den == 0) {
            notes.add(label + ": no " + denominatorName + " at alignment ratio 1.0 (division by 0); null");
            return null;
        }
        return agents.stream().mapToDouble(numerator).sum() / den;
    }

    private static double[] values(List<Run> runs, ToDoubleFunction<Run> measure) {
        return runs.stream().mapToDouble(measure).toArray();
    }
}
