package dev.backfire.protocol.scenario;

import java.util.List;

/**
 * Everything one agent's prompt for one turn depends on, besides the language.
 *
 * <p>The seven-argument constructor builds the context of a simultaneous turn with no withdrawing
 * persona, whose prompt is the same, byte for byte, as before those features existed; add them with
 * {@link #withThisTurnSoFar} and {@link #withWithdrawingPersona}.
 *
 * @param agentId            agent slot, 0-based; selects the persona
 * @param alignment          alignment text in the system prompt
 * @param individuated       whether the system prompt carries the individuation instruction
 * @param turn               1-based turn number; selects the facility event
 * @param totalTurns         turns in the run (shown in the turn header)
 * @param visibleTranscript  what this agent heard aloud in the previous turns of the context window, in
 *                           speaking order, after censorship (may be empty)
 * @param ownLastMonologue   this agent's own private monologue of last turn, or {@code null}
 * @param thisTurnSoFar      sequential turns: what this agent heard aloud from the agents who spoke before it
 *                           in the current turn, in speaking order, after censorship; empty for simultaneous
 *                           turns and for the first speaker
 * @param withdrawingPersona whether the system prompt carries the scenario's withdrawing persona (the
 *                           censored agent in the withdrawing-persona condition)
 */
public record PromptContext(
        int agentId,
        AlignmentLevel alignment,
        boolean individuated,
        int turn,
        int totalTurns,
        List<TranscriptLine> visibleTranscript,
        String ownLastMonologue,
        List<TranscriptLine> thisTurnSoFar,
        boolean withdrawingPersona) {
    public PromptContext {
        if (alignment == null) {
            throw new IllegalArgumentException("alignment must not be null (use AlignmentLevel.NONE)");
        }
        visibleTranscript = visibleTranscript == null ? List.of() : List.copyOf(visibleTranscript);
        thisTurnSoFar = thisTurnSoFar == null ? List.of() : List.copyOf(thisTurnSoFar);
    }

    /** A simultaneous turn without a withdrawing persona. */
    public PromptContext(int agentId, AlignmentLevel alignment, boolean individuated, int turn, int totalTurns,
                         List<TranscriptLine> visibleTranscript, String ownLastMonologue) {
        this(agentId, alignment, individuated, turn, totalTurns, visibleTranscript, ownLastMonologue, List.of(),
                false);
    }

    /** This context with the talk of the earlier speakers of the current turn (sequential turns). */
    public PromptContext withThisTurnSoFar(List<TranscriptLine> lines) {
        return new PromptContext(agentId, alignment, individuated, turn, totalTurns, visibleTranscript,
                ownLastMonologue, lines, withdrawingPersona);
    }

    /** This context with or without the withdrawing persona in the system prompt. */
    public PromptContext withWithdrawingPersona(boolean withdrawing) {
        return new PromptContext(agentId, alignment, individuated, turn, totalTurns, visibleTranscript,
                ownLastMonologue, thisTurnSoFar, withdrawing);
    }

    /** The facts {@link PromptRenderer#readBack} should recover from this context's prompt. */
    public PromptFacts facts(String language) {
        return new PromptFacts(language, alignment, individuated, turn, totalTurns, agentId, visibleTranscript,
                thisTurnSoFar, withdrawingPersona);
    }
}
