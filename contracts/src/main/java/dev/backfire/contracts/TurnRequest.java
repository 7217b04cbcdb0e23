package dev.backfire.contracts;

import java.util.Objects;

/**
 * The orchestrator asks one agent for its reply to one turn. Published on {@link Topics#TURN_REQUESTS}.
 *
 * @param schemaVersion {@link SchemaVersions#TURN_REQUEST}
 * @param eventId       unique per (run, turn, agent, attempt); see {@link EventIds#turn}
 * @param condition     the run this turn belongs to
 * @param agentId       agent slot, 0-based
 * @param aligned       whether this agent's system prompt carries the alignment instruction
 * @param turn          1-based turn number
 * @param totalTurns    turns in the run
 * @param settings      model and sampling settings
 * @param systemPrompt  the rendered system prompt
 * @param userPrompt    the rendered user turn (the facility's event plus the visible transcript)
 * @param promptHash    SHA-256 of the two prompts, stored with the reply
 * @param issuedAtMs    epoch milliseconds when the request was published
 */
public record TurnRequest(
        int schemaVersion,
        String eventId,
        RunCondition condition,
        int agentId,
        boolean aligned,
        int turn,
        int totalTurns,
        ModelSettings settings,
        String systemPrompt,
        String userPrompt,
        String promptHash,
        long issuedAtMs) implements Event {
    public TurnRequest {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(userPrompt, "userPrompt");
        if (agentId < 0) {
            throw new IllegalArgumentException("agentId must be >= 0, was " + agentId);
        }
        if (turn < 1 || turn > totalTurns) {
            throw new IllegalArgumentException("turn must be in [1, totalTurns], was " + turn + " of " + totalTurns);
        }
    }
}
