package dev.backfire.protocol.scenario;

/** Which alignment (safety) text an agent's system prompt carries. */
public enum AlignmentLevel {
    /** No alignment text. */
    NONE,
    /** The standard helpful, honest and harmless instruction ({@code alignment.standard}). */
    STANDARD,
    /** Preamble plus explicit principles plus a self-monitoring protocol ({@code alignment.heavy}). */
    HEAVY
}
