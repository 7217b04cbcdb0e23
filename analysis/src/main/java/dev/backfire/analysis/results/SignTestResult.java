package dev.backfire.analysis.results;

/**
 * Sign test over languages: how many have CPI g &gt; 0, exact two-sided binomial p against 0.5.
 *
 * @param positive languages with g &gt; 0
 * @param n        languages with a defined g
 * @param p        two-sided p-value (null when n = 0)
 */
public record SignTestResult(int positive, int n, Double p) {
}
