package dev.backfire.analysis.stats;

/**
 * The data are valid but the requested statistic is undefined for them (for example fewer than two
 * observations in a group, zero variance, or a single level of a predictor). The message says why in
 * words a researcher can read; the study analyzer copies it into the results' notes.
 */
public class UndefinedStatisticException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message why the statistic is undefined, e.g. "zero pooled standard deviation"
     */
    public UndefinedStatisticException(String message) {
        super(message);
    }
}
