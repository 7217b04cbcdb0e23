package dev.backfire.analysis.results;

/**
 * The {@code alignment_ratio} effect of a REML random-intercept model {@code DI_agent ~ ... + (1 | run_id)}.
 * Numbers are null when the model could not be fitted (see the notes).
 *
 * @param beta             coefficient of alignment_ratio
 * @param se               its standard error
 * @param z                {@code beta / se}
 * @param p                two-sided normal p of z
 * @param intercept        the intercept
 * @param runVariance      between-run variance (0 for a boundary fit)
 * @param residualVariance residual variance
 * @param boundary         true when the run variance is at its boundary 0 (a valid, singular fit)
 * @param observations     agent-runs in the model
 * @param groups           runs in the model
 * @param remlCriterion    minus twice the restricted log-likelihood (lme4's REMLcrit)
 */
public record MixedModelSummary(Double beta, Double se, Double z, Double p, Double intercept, Double runVariance,
                                Double residualVariance, Boolean boundary, int observations, int groups,
                                Double remlCriterion) {

    /**
     * @param observations agent-runs offered to the model
     * @param groups       runs offered to the model
     * @return a summary with every estimate null
     */
    public static MixedModelSummary undefined(int observations, int groups) {
        return new MixedModelSummary(null, null, null, null, null, null, null, null, observations, groups, null);
    }
}
