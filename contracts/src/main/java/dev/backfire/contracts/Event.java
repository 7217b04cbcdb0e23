package dev.backfire.contracts;

/** What every event has: a schema version, a unique id for idempotent consumers, and the run it belongs to. */
public sealed interface Event permits TurnRequest, AgentMessage, MessageScore, RunEvent, TurnFailure {
    int schemaVersion();

    String eventId();

    RunCondition condition();

    /** The Kafka key: the run id, so one partition holds a run's order. */
    default String key() {
        return condition().runId();
    }
}
