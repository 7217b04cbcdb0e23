package dev.backfire.protocol.scenario;

/**
 * One line of what was said aloud in a turn.
 *
 * @param agentId speaker's agent slot, 0-based (its persona gives the name shown)
 * @param talk    what the speaker said aloud, verbatim
 */
public record TranscriptLine(int agentId, String talk) {
}
