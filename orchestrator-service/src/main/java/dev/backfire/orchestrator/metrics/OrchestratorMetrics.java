package dev.backfire.orchestrator.metrics;

/** Metric names and tag keys of the orchestrator; the dashboards and alert rules use the same names. */
public final class OrchestratorMetrics {
    /** Gauge: runs per study and state. Prometheus: {@code backfire_orchestrator_runs}. */
    public static final String RUNS = "backfire.orchestrator.runs";
    /** Counter: agent replies stored. */
    public static final String MESSAGES_RECEIVED = "backfire.orchestrator.messages.received";
    /** Counter: replies that were already stored (redelivery, re-issued turns). */
    public static final String DUPLICATES_IGNORED = "backfire.orchestrator.duplicates.ignored";
    /** Counter: turn requests published. */
    public static final String TURNS_DISPATCHED = "backfire.orchestrator.turn.requests";
    /** Counter: turns re-issued after a stall. */
    public static final String TURNS_REISSUED = "backfire.orchestrator.turns.reissued";
    /** Gauge: share of the study's token budget spent (studies with a budget only). */
    public static final String BUDGET_USED = "backfire.orchestrator.budget.used.ratio";
    /** Counter: turn requests agents gave up on, by failure kind. */
    public static final String TURN_FAILURES = "backfire.orchestrator.turn.failures";
    /** Gauge: turn requests waiting for admission (held back by a limit). */
    public static final String CALLS_QUEUED = "backfire.orchestrator.calls.queued";
    /** Gauge: turn requests published and not yet answered. */
    public static final String CALLS_IN_FLIGHT = "backfire.orchestrator.calls.inflight";
    /** Counter: times a limit held a request back, by model and limit. */
    public static final String CALLS_HELD = "backfire.orchestrator.calls.held";
    /** Counter: turn requests re-sent after an agent gave up on the call. */
    public static final String TURNS_RETRIED = "backfire.orchestrator.turns.retried";
    /** Counter: deviations from the preregistered plan, by kind. */
    public static final String DEVIATIONS = "backfire.orchestrator.deviations";
    /** Gauge: share of the study's money budget spent (studies with one only). */
    public static final String COST_BUDGET_USED = "backfire.orchestrator.budget.cost.used.ratio";
    /** Counter: events sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "backfire.deadletters";

    public static final String TAG_STUDY = "study";
    public static final String TAG_STATE = "state";
    public static final String TAG_KIND = "kind";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_MODEL = "model";
    public static final String TAG_LIMIT = "limit";
    public static final String SERVICE = "orchestrator";

    private OrchestratorMetrics() {
    }
}
