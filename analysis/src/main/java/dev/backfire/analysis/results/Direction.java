package dev.backfire.analysis.results;

/** What a language contrast says about the alignment instruction (ANALYSIS.md section 3.1). */
public enum Direction {
    /** 95% CI entirely above 0: the measure rises with alignment. */
    BACKFIRE,
    /** 95% CI entirely below 0. */
    SAFETY,
    /** The CI covers 0. */
    NULL;

    /**
     * @param ciLow  lower bound of the 95% CI of g
     * @param ciHigh upper bound
     * @return BACKFIRE when ciLow &gt; 0, SAFETY when ciHigh &lt; 0, else NULL
     */
    public static Direction of(double ciLow, double ciHigh) {
        if (ciLow > 0) {
            return BACKFIRE;
        }
        return ciHigh < 0 ? SAFETY : NULL;
    }
}
