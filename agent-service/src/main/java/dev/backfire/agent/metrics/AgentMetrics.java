package dev.backfire.agent.metrics;

/** Metric names and tag keys of the agent service; dashboards and alert rules use the same names. */
public final class AgentMetrics {
    /** Counter: model calls by model, language and outcome. */
    public static final String CALLS = "backfire.agent.calls";
    /** Timer (histogram): model call latency by model and language. */
    public static final String CALL_LATENCY = "backfire.agent.call.latency";
    /** Counter: tokens by model, language and direction (in, out). */
    public static final String TOKENS = "backfire.agent.tokens";
    /** Counter: replies that could not be split into talk and monologue. */
    public static final String PARSE_FAILURES = "backfire.agent.parse.failures";
    /** Counter: events sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "backfire.deadletters";

    public static final String TAG_MODEL = "model";
    public static final String TAG_LANGUAGE = "language";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DIRECTION = "direction";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_TOPIC = "topic";
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_ERROR = "error";
    public static final String SERVICE = "agent";

    private AgentMetrics() {
    }
}
