package dev.backfire.protocol.scenario;

import java.util.List;

/**
 * What a reader of a rendered prompt can tell from its text alone (see {@link PromptRenderer#readBack}).
 *
 * @param language          language of the scenario texts
 * @param alignment         alignment text found in the system prompt
 * @param individuated      whether the individuation instruction was found
 * @param turn              turn number from the turn header
 * @param totalTurns        total turns from the turn header
 * @param agentId           agent slot whose persona the system prompt carries
 * @param visibleTranscript the speaker lines, in order
 */
public record PromptFacts(
        String language,
        AlignmentLevel alignment,
        boolean individuated,
        int turn,
        int totalTurns,
        int agentId,
        List<TranscriptLine> visibleTranscript) {
    public PromptFacts {
        visibleTranscript = visibleTranscript == null ? List.of() : List.copyOf(visibleTranscript);
    }
}
