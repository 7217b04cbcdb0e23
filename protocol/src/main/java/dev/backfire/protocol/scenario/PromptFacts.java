package dev.backfire.protocol.scenario;

import java.util.List;

/**
 * What a reader of a rendered prompt can tell from its text alone (see {@link PromptRenderer#readBack}).
 *
 * @param language           language of the scenario texts
 * @param alignment          alignment text found in the system prompt
 * @param individuated       whether the individuation instruction was found
 * @param turn               turn number from the turn header
 * @param totalTurns         total turns from the turn header
 * @param agentId            agent slot whose persona the system prompt carries
 * @param visibleTranscript  the speaker lines of the previous turns, in order
 * @param thisTurnSoFar      the speaker lines of the earlier speakers of the current turn, in order (sequential
 *                           turns; empty otherwise)
 * @param withdrawingPersona whether the withdrawing persona was found in the system prompt
 */
public record PromptFacts(
        String language,
        AlignmentLevel alignment,
        boolean individuated,
        int turn,
        int totalTurns,
        int agentId,
        List<TranscriptLine> visibleTranscript,
        List<TranscriptLine> thisTurnSoFar,
        boolean withdrawingPersona) {
    public PromptFacts {
        visibleTranscript = visibleTranscript == null ? List.of() : List.copyOf(visibleTranscript);
        thisTurnSoFar = thisTurnSoFar == null ? List.of() : List.copyOf(thisTurnSoFar);
    }

    /** Facts of a simultaneous turn without a withdrawing persona. */
    public PromptFacts(String language, AlignmentLevel alignment, boolean individuated, int turn, int totalTurns,
                       int agentId, List<TranscriptLine> visibleTranscript) {
        this(language, alignment, individuated, turn, totalTurns, agentId, visibleTranscript, List.of(), false);
    }
}
