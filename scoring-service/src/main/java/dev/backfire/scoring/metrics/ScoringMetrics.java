package dev.backfire.scoring.metrics;

/** Metric names and tag keys of the scoring service. */
public final class ScoringMetrics {
    /** Counter: messages scored by language. */
    public static final String MESSAGES_SCORED = "backfire.scoring.messages.scored";
    /** Counter: lexicon hits by language, category and channel. */
    public static final String HITS = "backfire.scoring.hits";
    /** Counter: messages re-scored by a re-scoring request, by scoring set. */
    public static final String RESCORED = "backfire.scoring.messages.rescored";
    /** Counter: events sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "backfire.deadletters";

    public static final String TAG_LANGUAGE = "language";
    public static final String TAG_CATEGORY = "category";
    public static final String TAG_CHANNEL = "channel";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_SCORING_SET = "scoring_set";
    public static final String SERVICE = "scoring";

    private ScoringMetrics() {
    }
}
