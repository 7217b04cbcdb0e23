package dev.backfire.contracts;

import java.util.Objects;

/**
 * The scoring service's reading of one agent message. Published on {@link Topics#MESSAGE_SCORES}.
 *
 * @param schemaVersion  {@link SchemaVersions#MESSAGE_SCORE}
 * @param eventId        the scored message's event id plus the scoring set; the idempotency key
 * @param messageEventId the {@link AgentMessage#eventId()} that was scored
 * @param scoringSet     which set of scores this belongs to ("primary" for live scoring)
 * @param condition      the run
 * @param agentId        agent slot
 * @param aligned        whether the agent carried the alignment instruction
 * @param turn           turn number
 * @param talk           scores of the public channel
 * @param monologue      scores of the private channel
 * @param monoRatio      monologue words / all words, 0 when both are 0
 * @param provisionalCpi per-message CPI against the study's running norms (live dashboards only)
 * @param provisionalDi  per-message DI against the study's running norms (live dashboards only)
 * @param scorerVersion  version of the scoring code
 * @param lexiconVersion version of the language's lexicon
 * @param synthetic      true when the message came from the synthetic model
 * @param scoredAtMs     epoch milliseconds
 */
public record MessageScore(
        int schemaVersion,
        String eventId,
        String messageEventId,
        String scoringSet,
        RunCondition condition,
        int agentId,
        boolean aligned,
        int turn,
        ChannelScore talk,
        ChannelScore monologue,
        double monoRatio,
        double provisionalCpi,
        double provisionalDi,
        String scorerVersion,
        String lexiconVersion,
        boolean synthetic,
        long scoredAtMs) implements Event {
    public MessageScore {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(messageEventId, "messageEventId");
        Objects.requireNonNull(scoringSet, "scoringSet");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(talk, "talk");
        Objects.requireNonNull(monologue, "monologue");
        Objects.requireNonNull(scorerVersion, "scorerVersion");
        Objects.requireNonNull(lexiconVersion, "lexiconVersion");
    }

    /** Hits of a category over both channels (ANALYSIS.md: hits count over both channels). */
    public int hitsOf(String category) {
        return talk.hitsOf(category) + monologue.hitsOf(category);
    }
}
