package dev.backfire.orchestrator.store;

/** What kind of departure from the preregistered plan a {@link DeviationEntity} records. */
public enum DeviationKind {
    /** A model call needed retries before it succeeded (provider faults); the reply was kept. */
    CALL_RETRIED,
    /** An agent gave up on a call; the turn's request was sent again. */
    TURN_RETRIED,
    /** A turn made no progress for the turn timeout; its missing requests were sent again. */
    TURN_REISSUED,
    /** A run was dropped (failed) with the reason. */
    RUN_FAILED,
    /** A reply could not be split into talk and monologue; kept with the flag. */
    PARSE_FAILED,
    /** A reply was not in the run's language; kept with the flag. */
    LANGUAGE_MISMATCH,
    /** The study's budget was spent: runs not yet started were not started. */
    BUDGET_EXHAUSTED
}
