package dev.backfire.protocol.scenario;

/**
 * A prompt ready to send to a model.
 *
 * @param system          system prompt
 * @param user            user turn
 * @param hash            lower-case hex SHA-256 of {@code system + "\u0000" + user} (UTF-8)
 * @param templateVersion scenario template version the texts came from (e.g. {@code facility-2})
 * @param utf8Bytes       size of the two prompts in UTF-8, known from hashing them (for token estimates)
 */
public record RenderedPrompt(String system, String user, String hash, String templateVersion, int utf8Bytes) {
}
