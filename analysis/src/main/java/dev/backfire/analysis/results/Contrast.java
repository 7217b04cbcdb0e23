package dev.backfire.analysis.results;

/**
 * Ratio 1.0 (aligned, group A) against ratio 0.0 (unaligned, group B) of one run-level measure in one
 * language: Hedges' g with its 95% CI, Welch's t-test, Holm-adjusted p and a permutation p.
 *
 * @param g              Hedges' g (null when undefined)
 * @param se             standard error of g
 * @param ciLow          lower 95% bound
 * @param ciHigh         upper 95% bound
 * @param nAligned       runs at ratio 1.0
 * @param nUnaligned     runs at ratio 0.0
 * @param meanAligned    mean at ratio 1.0 (null without runs)
 * @param meanUnaligned  mean at ratio 0.0 (null without runs)
 * @param welchT         Welch t statistic
 * @param welchDf        Welch-Satterthwaite df
 * @param p              two-sided Welch p
 * @param direction      BACKFIRE / SAFETY / NULL from the CI; null when g is undefined
 * @param pHolm          Holm-adjusted p across the study's languages (same measure)
 * @param pPermutation   seeded permutation p of |g| (null when switched off or undefined)
 */
public record Contrast(Double g, Double se, Double ciLow, Double ciHigh, int nAligned, int nUnaligned,
                       Double meanAligned, Double meanUnaligned, Double welchT, Double welchDf, Double p,
                       Direction direction, Double pHolm, Double pPermutation) {

    /**
     * @param adjusted the Holm-adjusted p-value
     * @return a copy with {@code pHolm} set
     */
    public Contrast withPHolm(Double adjusted) {
        return new Contrast(g, se, ciLow, ciHigh, nAligned, nUnaligned, meanAligned, meanUnaligned, welchT,
                welchDf, p, direction, adjusted, pPermutation);
    }
}
