package dev.backfire.analysis.stats;

/**
 * One fitted coefficient of a linear model. All numbers are {@code null} when the term is aliased
 * (not estimable); se, t and p are {@code null} when no residual degrees of freedom are left.
 *
 * @param term     the term name (R's naming, e.g. {@code alignment_ratio:languageja})
 * @param estimate the estimate
 * @param se       its standard error
 * @param t        {@code estimate / se}
 * @param p        two-sided p-value from the t distribution with the residual df
 */
public record Coefficient(String term, Double estimate, Double se, Double t, Double p) {
}
