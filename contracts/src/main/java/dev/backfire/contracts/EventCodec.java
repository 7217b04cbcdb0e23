package dev.backfire.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

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
            throw new MalformedEventException(type.getSimpleName() + ": " + firstLine(e.getOriginalMessage()), e);
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
