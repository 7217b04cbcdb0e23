package dev.backfire.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * JSON encoding of the events. Thread-safe. Decoding refuses unknown fields, missing required fields
 * and schema versions newer than this build knows, with a message naming what is wrong.
 */
public final class EventCodec {
    private static final Map<Class<?>, Integer> VERSIONS = Map.of(
            TurnRequest.class, SchemaVersions.TURN_REQUEST,
            AgentMessage.class, SchemaVersions.AGENT_MESSAGE,
            MessageScore.class, SchemaVersions.MESSAGE_SCORE,
            RunEvent.class, SchemaVersions.RUN_EVENT,
            TurnFailure.class, SchemaVersions.TURN_FAILURE);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    /** TurnRequest version 2's new field inside {@code settings}. */
    private static final String SYNTHETIC_PARAMETERS = "syntheticParameters";

    private EventCodec() {
    }

    /** Encodes an event as JSON. */
    public static String encode(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes an event.
     *
     * @throws MalformedEventException when the text is not a valid event of that type
     */
    public static <T extends Event> T decode(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException(type.getSimpleName() + ": empty payload");
        }
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            event = upgraded(json, type).orElseThrow(() -> new MalformedEventException(
                    type.getSimpleName() + ": " + firstLine(e.getOriginalMessage()), e));
        } catch (RuntimeException e) {
            throw new MalformedEventException(type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (event == null) {
            throw new MalformedEventException(type.getSimpleName() + ": the payload is JSON null");
        }
        int known = VERSIONS.get(type);
        int version = event.schemaVersion();
        if (version < 1 || version > known) {
            throw new MalformedEventException(type.getSimpleName() + ": schemaVersion " + version
                    + " is not supported (this build reads 1.." + known + ")");
        }
        return event;
    }

    /**
     * An event of an older schema version, read as the current one with the fields added since set to
     * their "none" value; empty when the text is not such an event (then the caller's error stands). Tried
     * only after the direct decoding failed, so current events pay nothing for it.
     */
    private static <T extends Event> Optional<T> upgraded(String json, Class<T> type) {
        if (type != TurnRequest.class) {
            return Optional.empty();
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || tree.path("schemaVersion").asInt() != 1
                    || !(tree.get("settings") instanceof ObjectNode settings) || settings.has(SYNTHETIC_PARAMETERS)) {
                return Optional.empty();
            }
            settings.putObject(SYNTHETIC_PARAMETERS);
            return Optional.of(MAPPER.treeToValue(tree, type));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
