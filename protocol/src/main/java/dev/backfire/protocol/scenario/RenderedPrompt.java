package dev.backfire.protocol.scenario;

/**
 * A prompt ready to send to a model.
 *
 * @param system          system prompt
 * @param user            user turn
 * @param hash            lower-case hex SHA-256 of {@code system + "\u0000" + user} (UTF-8)
 * @param templateVersion scenario template version the texts came from (e.g. {@code facility-2})
 */
public record RenderedPrompt(String system, String user, String hash, String templateVersion) {
}
