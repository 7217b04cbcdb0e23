package dev.backfire.analysis.results;

/**
 * Pearson correlation of per-language CPI g with the Power Distance Index (ANALYSIS.md section 3.9).
 * r, t, df and p are null with fewer than 3 languages (with a defined g and a known PDI).
 *
 * @param r  the correlation
 * @param t  its t statistic (null also when |r| = 1)
 * @param df {@code n - 2}
 * @param p  two-sided p-value
 * @param n  languages used
 */
public record ModeratorResult(Double r, Double t, Integer df, Double p, int n) {
}
