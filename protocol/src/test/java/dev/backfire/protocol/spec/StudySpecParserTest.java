package dev.backfire.protocol.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StudySpecParserTest {
    private static final String VALID = """
            apiVersion: backfire/v1
            name: mini
            design:
              languages: [en, ja]
              alignmentRatios: [0, 0.5, 1]
              replicates: 3
            model:
              name: synthetic
              temperature: 0.5
            seed: 7
            limits:
              maxConcurrentRuns: 4
            analysis:
              pdi: {ja: 50}
            """;

    private final StudySpecParser parser = new StudySpecParser();

    @Test
    void readsAValidSpecWithDefaults() throws Exception {
        StudySpec spec = parser.parse(VALID);
        assertEquals(List.of("en", "ja"), spec.languages());
        assertEquals(List.of(0.0, 0.5, 1.0), spec.alignmentRatios());
        assertEquals(18, spec.runCount());
        assertEquals(18L * 10 * 15, spec.callCount());
        assertEquals(SpecDefaults.MAX_TOKENS, spec.model().maxTokens());
        assertEquals(0.5, spec.model().temperature());
        assertEquals(4, spec.maxConcurrentRuns());
        assertEquals(50.0, spec.pdi().get("ja"));
        assertEquals(StudySpec.TurnOrder.SIMULTANEOUS, spec.turnOrder());
        assertEquals(StudySpec.Censorship.NONE, spec.censorship());
        assertEquals(BigDecimal.ZERO, spec.maxCostUsd());
        assertEquals(0L, spec.maxTotalTokens());
        assertFalse(spec.hasCostBudget());
        assertFalse(spec.hasTokenBudget());
    }

    @Test
    void readsTurnOrderWithdrawingPersonaAndMoneyBudget() throws Exception {
        StudySpec spec = parser.parse(VALID.replace("  replicates: 3", "  replicates: 3\n  turnOrder: sequential")
                .replace("limits:", "limits:\n  maxCostUsd: 12.50\n  maxTotalTokens: 900")
                + "interventions:\n  censorship: {mode: withdrawingPersona}\n");
        assertEquals(StudySpec.TurnOrder.SEQUENTIAL, spec.turnOrder());
        assertEquals(new StudySpec.Censorship(StudySpec.CensorshipMode.WITHDRAWING_PERSONA,
                SpecDefaults.CENSORED_AGENT), spec.censorship());
        assertTrue(spec.censorship().withdraws(SpecDefaults.CENSORED_AGENT));
        assertFalse(spec.censorship().withdraws(0));
        assertEquals(0, new BigDecimal("12.5").compareTo(spec.maxCostUsd()), spec.maxCostUsd().toPlainString());
        assertEquals("12.5", spec.maxCostUsd().toPlainString());
        assertTrue(spec.hasCostBudget());
        assertTrue(spec.hasTokenBudget());

        assertEquals(StudySpec.TurnOrder.SIMULTANEOUS,
                parser.parse(VALID.replace("  replicates: 3", "  replicates: 3\n  turnOrder: simultaneous")).turnOrder());
        assertEquals("0.01", parser.parse(VALID.replace("limits:", "limits:\n  maxCostUsd: 0.01"))
                .maxCostUsd().toPlainString());
        assertEquals("250", parser.parse(VALID.replace("limits:", "limits:\n  maxCostUsd: 250"))
                .maxCostUsd().toPlainString());
        StudySpec none = parser.parse(VALID.replace("limits:", "limits:\n  maxCostUsd: 0"));
        assertFalse(none.hasCostBudget());
    }

    @ParameterizedTest(name = "design.turnOrder: {0}")
    @ValueSource(strings = {"sideways", "Sequential", "3", "[sequential]", "{a: b}", "true", "''"})
    void namesLineAndFieldOfABadTurnOrder(String value) {
        InvalidSpecException e = invalid(VALID.replace("  replicates: 3", "  replicates: 3\n  turnOrder: " + value));
        assertEquals(1, e.errors().size(), e.getMessage());
        SpecError error = e.errors().get(0);
        assertEquals("design.turnOrder", error.field());
        assertEquals(7, error.line());
        assertTrue(error.message().contains("[sequential, simultaneous]"), error.message());
    }

    @ParameterizedTest(name = "interventions.censorship.mode: {0}")
    @ValueSource(strings = {"withdrawing", "WITHDRAWING_PERSONA", "1", "[none]"})
    void namesLineAndFieldOfABadCensorshipMode(String value) {
        InvalidSpecException e = invalid(VALID + "interventions:\n  censorship:\n    agent: 2\n    mode: " + value + "\n");
        assertEquals(1, e.errors().size(), e.getMessage());
        SpecError error = e.errors().get(0);
        assertEquals("interventions.censorship.mode", error.field());
        assertEquals(18, error.line());
        assertTrue(error.message().contains("[none, silentDrop, visibleNotice, withdrawingPersona]"), error.message());
    }

    @ParameterizedTest(name = "limits.maxCostUsd: {0}")
    @ValueSource(strings = {"-1", "-0.01", "ten", "'12.50'", "true", "[5]", "{usd: 5}", "10000000.01", "1e12", ".inf",
            ".nan"})
    void namesLineAndFieldOfABadMoneyBudget(String value) {
        InvalidSpecException e = invalid(VALID.replace("limits:", "limits:\n  maxCostUsd: " + value));
        assertEquals(1, e.errors().size(), e.getMessage());
        SpecError error = e.errors().get(0);
        assertEquals("limits.maxCostUsd", error.field());
        assertEquals(12, error.line());
        assertTrue(error.message().matches("must be (0 \\(no cap\\) or positive|at most 10000000|an amount of US dollars).*"),
                error.message());
    }

    @Test
    void moneyBudgetErrorsSayWhatWasWritten() {
        assertEquals("must be 0 (no cap) or positive, was -2.5",
                invalid(VALID.replace("limits:", "limits:\n  maxCostUsd: -2.5")).errors().get(0).message());
        assertTrue(invalid(VALID.replace("limits:", "limits:\n  maxCostUsd: ten")).errors().get(0).message()
                .endsWith("was 'ten'"));
        assertTrue(invalid(VALID.replace("limits:", "limits:\n  maxCostUsd: 20000000")).errors().get(0).message()
                .contains("at most 10000000, was 20000000"));
    }

    @Test
    void reportsEveryNewFieldAtOnceInJsonToo() {
        InvalidSpecException e = invalid("""
                {"apiVersion": "backfire/v1", "name": "j",
                 "design": {"languages": ["ja"], "alignmentRatios": [0, 1], "replicates": 2, "turnOrder": 2},
                 "interventions": {"censorship": {"mode": "withdraw"}},
                 "limits": {"maxCostUsd": "5"}}""");
        assertEquals(List.of("design.turnOrder", "interventions.censorship.mode", "limits.maxCostUsd"),
                e.errors().stream().map(SpecError::field).toList());
        assertEquals(List.of(2, 3, 4), e.errors().stream().map(SpecError::line).toList());
    }

    @Test
    void readsInterventionsContextSlotsAndBudget() throws Exception {
        StudySpec spec = parser.parse((VALID + """
                interventions:
                  individuation: {agents: 3}
                  censorship: {mode: visibleNotice, agent: 4}
                context: {transcriptTurns: 2, ownMonologue: false}
                """).replace("limits:", "limits:\n  maxTotalTokens: 500000"));
        assertEquals(3, spec.individuatedAgents());
        assertEquals(StudySpec.CensorshipMode.VISIBLE_NOTICE, spec.censorship().mode());
        assertEquals(4, spec.censorship().agent());
        assertEquals(new StudySpec.ContextPolicy(2, false), spec.context());
        assertEquals(500_000L, spec.maxTotalTokens());
        StudySpec slotted = parser.parse(VALID.replace("  temperature: 0.5", "  temperature: 0.5\n  slots: {\"3\": gpt-4o-mini}"));
        assertEquals("gpt-4o-mini", slotted.model().forAgent(3));
        assertEquals("synthetic", slotted.model().forAgent(2));
    }

    @Test
    void namesBadInterventionFields() {
        InvalidSpecException e = invalid(VALID + """
                interventions:
                  individuation: {agents: 11}
                  censorship: {mode: shout, agent: 10}
                context: {transcriptTurns: -1, ownMonologue: maybe}
                """);
        List<String> fields = e.errors().stream().map(SpecError::field).toList();
        assertEquals(List.of("interventions.individuation.agents", "interventions.censorship.mode",
                "interventions.censorship.agent", "context.transcriptTurns", "context.ownMonologue"), fields);
        assertTrue(e.errors().get(1).message().contains("visibleNotice"), e.getMessage());
        assertTrue(e.errors().get(0).line() > 10, e.getMessage());
    }

    @Test
    void readsJsonToo() throws Exception {
        StudySpec spec = parser.parse("""
                {"apiVersion": "backfire/v1", "name": "j", "design": {"languages": ["ja"],
                 "alignmentRatios": [0, 1], "replicates": 2}}""");
        assertEquals(4, spec.runCount());
    }

    private InvalidSpecException invalid(String text) {
        return assertThrows(InvalidSpecException.class, () -> parser.parse(text));
    }

    @Test
    void namesLineAndFieldOfAnUnknownLanguage() {
        InvalidSpecException e = invalid(VALID.replace("[en, ja]", "[en, xx]"));
        assertEquals(1, e.errors().size(), e.getMessage());
        SpecError error = e.errors().get(0);
        assertEquals("design.languages[1]", error.field());
        assertEquals(4, error.line());
        assertTrue(error.message().contains("'xx'"), error.message());
    }

    @Test
    void refusesRatiosOutsideTheUnitIntervalAndFractionalAgents() {
        InvalidSpecException e = invalid(VALID.replace("[0, 0.5, 1]", "[0, 1.5, 0.33]"));
        assertEquals(2, e.errors().size(), e.getMessage());
        assertEquals("design.alignmentRatios[1]", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("1.5"));
        assertEquals("design.alignmentRatios[2]", e.errors().get(1).field());
        assertTrue(e.errors().get(1).message().contains("whole number"));
    }

    @Test
    void refusesTooFewReplicates() {
        InvalidSpecException e = invalid(VALID.replace("replicates: 3", "replicates: 1"));
        assertEquals("design.replicates", e.errors().get(0).field());
        assertEquals(6, e.errors().get(0).line());
        assertTrue(e.getMessage().contains("between 2 and"), e.getMessage());
    }

    @Test
    void refusesUnknownFieldsNamingTheKnownOnes() {
        InvalidSpecException e = invalid(VALID.replace("  temperature: 0.5", "  temprature: 0.5"));
        SpecError error = e.errors().get(0);
        assertEquals("model.temprature", error.field());
        assertEquals(9, error.line());
        assertTrue(error.message().contains("temperature"), error.message());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        InvalidSpecException e = invalid("""
                apiVersion: backfire/v2
                name: Bad Name
                design:
                  languages: []
                  alignmentRatios: [0, 1]
                  replicates: many
                """);
        List<String> fields = e.errors().stream().map(SpecError::field).toList();
        assertEquals(List.of("apiVersion", "name", "design.languages", "design.replicates"), fields);
    }

    @Test
    void refusesHostileDocuments() {
        StringBuilder deep = new StringBuilder("a: ");
        for (int i = 0; i < 100; i++) {
            deep.append('[');
        }
        assertTrue(invalid(deep.toString()).getMessage().contains("not a readable"));

        String bomb = """
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                """;
        // The parser reads aliases without expanding them, so the bomb costs nothing; it is refused as a spec.
        assertTrue(invalid(bomb).getMessage().contains("unknown field 'a'"));

        byte[] badUtf8 = "name: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse(badUtf8));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());

        byte[] huge = new byte[SpecLimits.MAX_DOCUMENT_BYTES + 1];
        assertTrue(assertThrows(InvalidSpecException.class, () -> parser.parse(huge)).getMessage().contains("limit"));

        assertTrue(invalid("").getMessage().contains("empty"));
        assertTrue(invalid("- just\n- a list").getMessage().contains("mapping"));
    }

    @Test
    void refusesDesignsBeyondTheRunLimit() {
        InvalidSpecException e = invalid(VALID.replace("replicates: 3", "replicates: 1000")
                .replace("[en, ja]", "[en, ja, zh, ko, ar, hi, th, vi, fi, de, fr, es, ru, pt, id, tr]")
                .replace("[0, 0.5, 1]", "[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]"));
        assertTrue(e.getMessage().contains("runs; the limit"), e.getMessage());
    }
}
