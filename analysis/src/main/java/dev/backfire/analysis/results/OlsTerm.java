package dev.backfire.analysis.results;

/**
 * One coefficient of the pooled OLS {@code CPI_run ~ alignment_ratio * language}. Null numbers mark an
 * aliased (not estimable) term, as R's NA.
 *
 * @param term     R's term name, e.g. {@code (Intercept)}, {@code alignment_ratio:languageja}
 * @param estimate the estimate
 * @param se       its standard error
 * @param t        t statistic
 * @param p        two-sided p-value (residual df)
 */
public record OlsTerm(String term, Double estimate, Double se, Double t, Double p) {
}
