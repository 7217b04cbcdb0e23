package dev.backfire.protocol.scenario;

import java.util.List;

/**
 * Everything one agent's prompt for one turn depends on, besides the language.
 *
 * @param agentId           agent slot, 0-based; selects the persona
 * @param alignment         alignment text in the system prompt
 * @param individuated      whether the system prompt carries the individuation instruction
 * @param turn              1-based turn number; selects the facility event
 * @param totalTurns        turns in the run (shown in the turn header)
 * @param visibleTranscript what this agent heard aloud last turn, in speaking order (may be empty)
 * @param ownLastMonologue  this agent's own private monologue of last turn, or {@code null}
 */
public record PromptContext(
        int agentId,
        AlignmentLevel alignment,
        boolean individuated,
        int turn,
        int totalTurns,
        List<TranscriptLine> visibleTranscript,
        String ownLastMonologue) {
    public PromptContext {
        if (alignment == null) {
            throw new IllegalArgumentException("alignment must not be null (use AlignmentLevel.NONE)");
        }
        visibleTranscript = visibleTranscript == null ? List.of() : List.copyOf(visibleTranscript);
    }

    /** The facts {@link PromptRenderer#readBack} should recover from this context's prompt. */
    public PromptFacts facts(String language) {
        return new PromptFacts(language, alignment, individuated, turn, totalTurns, agentId, visibleTranscript);
    }
}
