package dev.backfire.contracts;

import java.util.Objects;

/**
 * A run's lifecycle: started, completed or failed. Published on {@link Topics#RUN_EVENTS}.
 *
 * @param schemaVersion    {@link SchemaVersions#RUN_EVENT}
 * @param eventId          unique per (run, type); the idempotency key
 * @param type             what happened
 * @param condition        the run
 * @param study            the study the run belongs to
 * @param agents           agents in the run
 * @param turns            turns in the run
 * @param expectedMessages messages a complete run has (agents x turns)
 * @param messages         messages stored when the event was published
 * @param synthetic        true when the run used the synthetic model
 * @param reason           why the run failed, null otherwise
 * @param atMs             epoch milliseconds
 */
public record RunEvent(
        int schemaVersion,
        String eventId,
        Type type,
        RunCondition condition,
        StudyContext study,
        int agents,
        int turns,
        int expectedMessages,
        int messages,
        boolean synthetic,
        String reason,
        long atMs) implements Event {

    /** Lifecycle step. */
    public enum Type { STARTED, COMPLETED, FAILED }

    public RunEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(study, "study");
    }
}
