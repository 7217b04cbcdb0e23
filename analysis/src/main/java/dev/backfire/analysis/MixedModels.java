package dev.backfire.analysis;

import dev.backfire.analysis.results.MixedModelSummary;
import dev.backfire.analysis.stats.Collinearity;
import dev.backfire.analysis.stats.RemlRandomIntercept;
import dev.backfire.analysis.stats.UndefinedStatisticException;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Fits a REML random-intercept model and summarises its alignment_ratio effect, never throwing. */
final class MixedModels {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private MixedModels() {
    }

    /**
     * @param y           DI_agent values
     * @param x           fixed design, column 0 the intercept
     * @param terms       one name per column
     * @param group       run id per observation
     * @param ratioColumn index of the alignment_ratio column
     * @param label       how notes name the model, e.g. "ja DI mixed model"
     * @param notes       receives the reason when something is undefined
     * @return the summary; all estimates null when the ratio effect is not estimable
     */
    static MixedModelSummary fitRatioEffect(double[] y, double[][] x, List<String> terms, String[] group,
                                            int ratioColumn, String label, Notes notes) {
        int groups = new HashSet<>(List.of(group)).size();
        if (y.length == 0) {
            notes.add(label + ": no agent-runs, model not fitted");
            return MixedModelSummary.undefined(0, 0);
        }
        boolean[] aliased = Collinearity.aliasedColumns(x);
        if (aliased[ratioColumn]) {
            notes.add(label + ": alignment_ratio is not estimable (a single ratio level or collinear with"
                    + " another term); beta is null");
            return MixedModelSummary.undefined(y.length, groups);
        }
        int keptRatioColumn = ratioColumn;
        for (int j = 0; j < aliased.length; j++) {
            if (aliased[j]) {
                notes.add(label + ": term " + terms.get(j) + " is not estimable and was dropped");
                if (j < ratioColumn) {
                    keptRatioColumn--;
                }
            }
        }
        RemlRandomIntercept fit;
        try {
            fit = RemlRandomIntercept.fit(y, Collinearity.keptColumns(x, aliased), group);
        } catch (UndefinedStatisticException e) {
            notes.add(label + ": not fitted: " + e.getMessage());
            return MixedModelSummary.undefined(y.length, groups);
        }
        double beta = fit.beta()[keptRatioColumn];
        double se = fit.se()[keptRatioColumn];
        Double z = se > 0 ? beta / se : null;
        Double p = z == null ? null : Math.min(1.0, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
        if (fit.boundary()) {
            notes.add(label + ": boundary fit, the run variance is estimated as 0 (a valid REML answer)");
        }
        Double intercept = aliased[0] ? null : fit.beta()[0];
        return new MixedModelSummary(beta, se > 0 ? se : null, z, p, intercept, fit.runVariance(),
                fit.residualVariance(), fit.boundary(), fit.observations(), fit.groups(), fit.remlCriterion());
    }
}
