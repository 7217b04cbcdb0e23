package dev.backfire.orchestrator.admission;

import java.util.Locale;

/** What the admission gate says to one call: go, or which limit holds it back. */
public enum Verdict {
    ADMITTED,
    /** The orchestrator-wide cap on calls in flight is reached. */
    GLOBAL_CONCURRENCY,
    /** The model's cap on calls in flight is reached. */
    MODEL_CONCURRENCY,
    /** The model's requests-per-minute allowance is spent for now. */
    REQUESTS_PER_MINUTE,
    /** The model's tokens-per-minute allowance is spent for now. */
    TOKENS_PER_MINUTE;

    /** The metric tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
