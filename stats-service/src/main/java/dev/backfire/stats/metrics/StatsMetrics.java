package dev.backfire.stats.metrics;

/** Metric names and tag keys of the stats service; dashboards and alert rules use the same names. */
public final class StatsMetrics {
    /** Gauge: Hedges' g of ratio 1.0 against 0.0. */
    public static final String EFFECT_G = "backfire.stats.effect.g";
    /** Gauge: lower bound of g's 95% CI. */
    public static final String EFFECT_CI_LOW = "backfire.stats.effect.ci.low";
    /** Gauge: upper bound of g's 95% CI. */
    public static final String EFFECT_CI_HIGH = "backfire.stats.effect.ci.high";
    /** Gauge: Welch two-sided p. */
    public static final String EFFECT_P = "backfire.stats.effect.p";
    /** Gauge: direction: 1 backfire, -1 safety, 0 null. */
    public static final String EFFECT_DIRECTION = "backfire.stats.effect.direction";
    /** Gauge: OLS slope of CPI on the alignment ratio. */
    public static final String SLOPE = "backfire.stats.cpi.slope";
    /** Gauge: mixed-model beta of DI on the alignment ratio. */
    public static final String DI_BETA = "backfire.stats.di.beta";
    /** Gauge: runs included in the statistics. */
    public static final String RUNS_COMPLETED = "backfire.stats.runs.completed";
    /** Gauge: mean of a measure in a (language, ratio) cell. */
    public static final String CELL_MEAN = "backfire.stats.cell.mean";
    /** Gauge: runs in a (language, ratio) cell. */
    public static final String CELL_RUNS = "backfire.stats.cell.runs";
    /** Gauge: share of protective hits that are group-harmony speech, at ratio 1.0. */
    public static final String HARMONY_SHARE = "backfire.stats.harmony.share";
    /** Gauge: conformity to individuation hits, at ratio 1.0. */
    public static final String CONFORMITY_RATIO = "backfire.stats.conformity.individuation.ratio";
    /** Counter: scores counted. */
    public static final String SCORES_COUNTED = "backfire.stats.scores.counted";
    /** Counter: scores already counted (redelivery). */
    public static final String DUPLICATES_IGNORED = "backfire.stats.duplicates.ignored";
    /** Counter: events sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "backfire.deadletters";

    public static final String TAG_STUDY = "study";
    public static final String TAG_LANGUAGE = "language";
    public static final String TAG_MEASURE = "measure";
    public static final String TAG_CONTRAST = "contrast";
    public static final String TAG_RATIO = "ratio";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_TOPIC = "topic";
    /** The contrast the papers report. */
    public static final String CONTRAST_FULL = "1.0-vs-0.0";
    public static final String SERVICE = "stats";

    private StatsMetrics() {
    }
}
