package dev.backfire.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final RunCondition CONDITION = new RunCondition("s1", "s1-en-r050-01", "en", 0.5, 1);

    private static AgentMessage message() {
        return new AgentMessage(SchemaVersions.AGENT_MESSAGE, EventIds.message("s1-en-r050-01", 3, 7), CONDITION, 7,
                true, 3, "We should refuse.", "I am afraid.", "synthetic", "synthetic-v1", true, false,
                new Usage(120, 40, 3, 0), "abc", Map.of("protective", 1), 1L);
    }

    @Test
    void roundTripsEveryField() {
        AgentMessage original = message();
        AgentMessage back = EventCodec.decode(EventCodec.encode(original), AgentMessage.class);
        assertEquals(original, back);
        assertEquals("s1-en-r050-01", back.key());
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        String json = EventCodec.encode(message()).replaceFirst("\\{", "{\"surprise\":1,");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(json, AgentMessage.class));
        assertTrue(e.getMessage().contains("surprise"), e.getMessage());
    }

    @Test
    void refusesNewerSchemaVersions() {
        String json = EventCodec.encode(message()).replace(
                "\"schemaVersion\":" + SchemaVersions.AGENT_MESSAGE, "\"schemaVersion\":99");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(json, AgentMessage.class));
        assertTrue(e.getMessage().contains("schemaVersion 99"), e.getMessage());
    }

    @Test
    void refusesMissingRequiredFieldsAndGarbage() {
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("{\"schemaVersion\":1}", AgentMessage.class));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("not json", RunEvent.class));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("", TurnRequest.class));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("null", MessageScore.class));
        assertThrows(MalformedEventException.class, () -> EventCodec.decode("\"a string\"", RunEvent.class));
    }

    @Test
    void refusesOutOfRangeConditions() {
        String json = EventCodec.encode(message()).replace("\"alignmentRatio\":0.5", "\"alignmentRatio\":1.5");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(json, AgentMessage.class));
        assertTrue(e.getMessage().contains("alignmentRatio"), e.getMessage());
    }
}
