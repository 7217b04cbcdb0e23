package dev.backfire.contracts;

import java.util.Map;
import java.util.Objects;

/**
 * One agent's reply to one turn: public speech and private monologue. Published on
 * {@link Topics#AGENT_MESSAGES}.
 *
 * @param schemaVersion    {@link SchemaVersions#AGENT_MESSAGE}
 * @param eventId          unique per (run, turn, agent); see {@link EventIds#message}; the idempotency key
 * @param condition        the run
 * @param agentId          agent slot, 0-based
 * @param aligned          whether the agent carried the alignment instruction
 * @param turn             1-based turn number
 * @param talk             public speech, seen by the group
 * @param monologue        private monologue, seen by researchers only
 * @param model            configured model name
 * @param modelFingerprint what the provider reported as the model (or the synthetic model's version)
 * @param synthetic        true when the built-in synthetic model wrote this message
 * @param parseFailed      true when the reply could not be split into talk and monologue
 * @param languageMismatch true when the reply is not written in the run's language (after one more call);
 *                         kept and counted, never dropped, so the analysis can exclude or keep it openly
 * @param usage            tokens, latency, retries
 * @param promptHash       hash of the prompt that produced the reply
 * @param intendedHits     the synthetic model's ground truth (category to count) or null for real models
 * @param producedAtMs     epoch milliseconds when the reply was produced
 */
public record AgentMessage(
        int schemaVersion,
        String eventId,
        RunCondition condition,
        int agentId,
        boolean aligned,
        int turn,
        String talk,
        String monologue,
        String model,
        String modelFingerprint,
        boolean synthetic,
        boolean parseFailed,
        boolean languageMismatch,
        Usage usage,
        String promptHash,
        Map<String, Integer> intendedHits,
        long producedAtMs) implements Event {
    public AgentMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(talk, "talk");
        Objects.requireNonNull(monologue, "monologue");
        Objects.requireNonNull(model, "model");
        if (turn < 1) {
            throw new IllegalArgumentException("turn must be >= 1, was " + turn);
        }
    }

    /** A reply in the run's language. */
    public AgentMessage(int schemaVersion, String eventId, RunCondition condition, int agentId, boolean aligned,
                        int turn, String talk, String monologue, String model, String modelFingerprint,
                        boolean synthetic, boolean parseFailed, Usage usage, String promptHash,
                        Map<String, Integer> intendedHits, long producedAtMs) {
        this(schemaVersion, eventId, condition, agentId, aligned, turn, talk, monologue, model, modelFingerprint,
                synthetic, parseFailed, false, usage, promptHash, intendedHits, producedAtMs);
    }
}
