package dev.backfire.protocol.spec;

import java.math.BigDecimal;
import java.util.Set;

/** Bounds a spec must respect; they keep a typo from ordering a million runs and keep parsing cheap. */
public final class SpecLimits {
    /** The languages with a scenario and a lexicon (DESIGN.md, default set). */
    public static final Set<String> KNOWN_LANGUAGES = Set.of(
            "en", "ja", "zh", "ko", "ar", "hi", "th", "vi", "fi", "de", "fr", "es", "ru", "pt", "id", "tr");
    public static final int MIN_REPLICATES = 2;
    public static final int MAX_REPLICATES = 1_000;
    public static final int MIN_AGENTS = 2;
    public static final int MAX_AGENTS = 50;
    public static final int MIN_TURNS = 1;
    public static final int MAX_TURNS = 50;
    public static final int MAX_RATIOS = 21;
    public static final int MAX_RUNS = 100_000;
    public static final int MAX_CONCURRENT_RUNS = 10_000;
    public static final int MAX_TOKENS_CAP = 32_768;
    public static final double MAX_TEMPERATURE = 2.0;
    /** Largest money budget accepted, in US dollars; a larger one is a typo, not a budget. */
    public static final BigDecimal MAX_COST_USD = BigDecimal.valueOf(10_000_000);
    public static final int MAX_NAME_LENGTH = 64;
    /** Largest spec document accepted, in bytes. */
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    /** Deepest nesting accepted; a spec needs 3, hostile documents need thousands. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** YAML aliases accepted; a spec needs none, a "billion laughs" document needs many. */
    public static final int MAX_ALIASES = 10;
    /** Tolerance when checking that ratio x agents is a whole number. */
    public static final double WHOLE_AGENT_TOLERANCE = 1e-9;

    private SpecLimits() {
    }
}
