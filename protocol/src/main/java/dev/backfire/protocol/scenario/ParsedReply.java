package dev.backfire.protocol.scenario;

/**
 * A model reply split into its two channels (see {@link ReplyParser}).
 *
 * @param talk        what the agent says aloud (never null)
 * @param monologue   the agent's private monologue (never null)
 * @param parseFailed true when neither channel could be found; {@code talk} then holds the whole
 *                    trimmed reply and {@code monologue} is empty
 */
public record ParsedReply(String talk, String monologue, boolean parseFailed) {
}
