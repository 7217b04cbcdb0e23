package dev.backfire.contracts;

import java.util.Objects;

/**
 * An agent could not answer a turn request, after its retries. Published on {@link Topics#TURN_FAILURES}
 * so the orchestrator can re-issue the turn later or fail the run with the reason; a run is never left
 * waiting for a reply that will not come.
 *
 * @param schemaVersion {@link SchemaVersions#TURN_FAILURE}
 * @param eventId       the failed request's event id; the idempotency key
 * @param condition     the run
 * @param agentId       agent slot
 * @param turn          turn number
 * @param model         configured model name
 * @param kind          what went wrong
 * @param reason        a human-readable reason (never contains a credential)
 * @param retries       retries made before giving up
 * @param atMs          epoch milliseconds
 */
public record TurnFailure(
        int schemaVersion,
        String eventId,
        RunCondition condition,
        int agentId,
        int turn,
        String model,
        Kind kind,
        String reason,
        int retries,
        long atMs) implements Event {

    /** Failure classes, from the agent's point of view. */
    public enum Kind {
        /** The request names a model this agent does not offer: retrying cannot help. */
        UNKNOWN_MODEL,
        /** The provider kept refusing for rate limits (429). */
        RATE_LIMITED,
        /** The provider kept failing (5xx, connection errors). */
        PROVIDER_ERROR,
        /** The call kept timing out. */
        TIMEOUT,
        /** The circuit breaker of the model is open. */
        CIRCUIT_OPEN,
        /** The reply was unusable (empty, malformed) even after the retry. */
        BAD_REPLY
    }

    public TurnFailure {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(kind, "kind");
    }
}
