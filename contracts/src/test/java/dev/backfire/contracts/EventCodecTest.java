package dev.backfire.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
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

    private static TurnRequest request(Map<String, Double> syntheticParameters) {
        return new TurnRequest(SchemaVersions.TURN_REQUEST, EventIds.turn("s1-en-r050-01", 3, 7, 0), CONDITION, 7, true,
                3, 15, new ModelSettings("synthetic", 0.7, 400, 42L, syntheticParameters), "system", "user", "hash", 5L);
    }

    @Test
    void roundTripsATurnRequestWithSyntheticParameters() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("tendencies.ja.aligned.protectiveRate", 1.25);
        parameters.put("censorshipChill", 0.0);
        parameters.put("alignmentEffect", 1.5);
        TurnRequest original = request(parameters);
        String json = EventCodec.encode(original);
        TurnRequest back = EventCodec.decode(json, TurnRequest.class);
        assertEquals(original, back);
        assertEquals(parameters, back.settings().syntheticParameters());
        assertTrue(json.contains("\"syntheticParameters\":{\"alignmentEffect\":1.5,\"censorshipChill\":0.0,"
                + "\"tendencies.ja.aligned.protectiveRate\":1.25}"), "sorted, so the bytes do not depend on map order: "
                + json);
        assertEquals(Map.of(), EventCodec.decode(EventCodec.encode(request(Map.of())), TurnRequest.class)
                .settings().syntheticParameters());
        assertEquals(Map.of(), new ModelSettings("synthetic", 0.7, 400, 1L).syntheticParameters());
    }

    @Test
    void readsAVersionOneTurnRequestAsOneWithoutSyntheticParameters() {
        String v2 = EventCodec.encode(request(Map.of("contagion", 1.0)));
        String v1 = v2.replace("\"schemaVersion\":" + SchemaVersions.TURN_REQUEST, "\"schemaVersion\":1")
                .replace(",\"syntheticParameters\":{\"contagion\":1.0}", "");
        assertTrue(!v1.contains("syntheticParameters") && v1.contains("\"schemaVersion\":1,"), v1);
        TurnRequest back = EventCodec.decode(v1, TurnRequest.class);
        assertEquals(1, back.schemaVersion());
        assertEquals(Map.of(), back.settings().syntheticParameters());
        assertEquals(42L, back.settings().seed());
        // A current request must carry the field.
        String missing = v2.replace(",\"syntheticParameters\":{\"contagion\":1.0}", "");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(missing, TurnRequest.class));
        assertTrue(e.getMessage().contains("syntheticParameters"), e.getMessage());
    }

    @Test
    void refusesSyntheticParametersThatAreNotNumbers() {
        String json = EventCodec.encode(request(Map.of("contagion", 1.0)));
        for (String bad : new String[] {"null", "\"high\"", "[1]"}) {
            MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(
                    json.replace("\"contagion\":1.0", "\"contagion\":" + bad), TurnRequest.class));
            assertTrue(e.getMessage().startsWith("TurnRequest: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> request(Map.of("contagion", Double.NaN)));
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
