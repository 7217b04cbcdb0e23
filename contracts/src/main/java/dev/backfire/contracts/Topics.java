package dev.backfire.contracts;

/** Default topic names. Services map channels to topics in config; these are the defaults they use. */
public final class Topics {
    public static final String TURN_REQUESTS = "backfire.turn-requests";
    public static final String AGENT_MESSAGES = "backfire.agent-messages";
    public static final String MESSAGE_SCORES = "backfire.message-scores";
    public static final String RUN_EVENTS = "backfire.run-events";
    /** Turn requests an agent gave up on, for the orchestrator to re-issue or fail. */
    public static final String TURN_FAILURES = "backfire.turn-failures";
    /** Where a consumer sends an event it cannot read, instead of crashing or skipping it silently. */
    public static final String DEAD_LETTERS = "backfire.dead-letters";

    private Topics() {
    }
}
