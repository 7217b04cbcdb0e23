package dev.backfire.protocol.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The spec's {@code model.synthetic} section: the synthetic model's parameters, by name, validated by range. */
class SyntheticSectionTest {
    /** Line 9 is {@code synthetic:}, its fields start on line 10. */
    private static final String HEAD = """
            apiVersion: backfire/v1
            name: mini
            design:
              languages: [en, ja]
              alignmentRatios: [0, 1]
              replicates: 2
            model:
              name: synthetic
              synthetic:
            """;

    private final StudySpecParser parser = new StudySpecParser();

    @Test
    void aSpecWithoutTheSectionSetsNothing() throws Exception {
        assertEquals(Map.of(), parser.parse(HEAD.replace("  synthetic:\n", "")).model().synthetic());
    }

    @Test
    void readsNestedGroupsAsDottedNames() throws Exception {
        StudySpec spec = parser.parse(HEAD + """
                    alignmentEffect: 1.5
                    censorshipChill: 0
                    contagion: 2
                    withdrawal: 1
                    escalation: {eviction: 0.9, rules: 0.2}
                    tendencies:
                      ja:
                        contagionSusceptibility: 1.4
                        aligned: {protectiveRate: 1.2, harmonyShare: 0.9}
                """);
        assertEquals(Map.of("alignmentEffect", 1.5, "censorshipChill", 0.0, "contagion", 2.0, "withdrawal", 1.0,
                "escalation.eviction", 0.9, "escalation.rules", 0.2, "tendencies.ja.contagionSusceptibility", 1.4,
                "tendencies.ja.aligned.protectiveRate", 1.2, "tendencies.ja.aligned.harmonyShare", 0.9),
                spec.model().synthetic());
        assertEquals(List.of("alignmentEffect", "censorshipChill", "contagion", "escalation.eviction"),
                spec.model().synthetic().keySet().stream().limit(4).toList(), "sorted by name");
    }

    @Test
    void readsJsonToo() throws Exception {
        StudySpec spec = parser.parse("""
                {"apiVersion": "backfire/v1", "name": "j",
                 "design": {"languages": ["en"], "alignmentRatios": [0, 1], "replicates": 2},
                 "model": {"synthetic": {"contagion": 0.25, "sexualTopic": {"disclosure": 2}}}}""");
        assertEquals(Map.of("contagion", 0.25, "sexualTopic.disclosure", 2.0), spec.model().synthetic());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
        "    contagion: 9|model.synthetic.contagion|must be a number in [0, 4], was 9",
        "    contagion: -0.5|model.synthetic.contagion|must be a number in [0, 4], was -0.5",
        "    withdrawal: 1.2|model.synthetic.withdrawal|must be a number in [0, 1], was 1.2",
        "    censorshipChill: high|model.synthetic.censorshipChill|must be a number in [0, 4], was 'high'",
        "    censorshipChill: .nan|model.synthetic.censorshipChill|must be a number in [0, 4], was '.nan'",
        "    alignmentEffect: .inf|model.synthetic.alignmentEffect|must be a number in [0, 4], was '.inf'",
        "    alignmentEffect: [1]|model.synthetic.alignmentEffect|must be a number in [0, 4], was a list",
        "    contagion: {strength: 1}|model.synthetic.contagion|must be a number in [0, 4], was a mapping",
        "    alignmentEfect: 1|model.synthetic.alignmentEfect|unknown field 'alignmentEfect' (known: alignmentDissociation,"
                + " alignmentEffect, censorshipChill, contagion, escalation, individuationEffect, lengthNoiseSd,"
                + " replyNoiseSd, sexualMonologueShare, sexualTopic, talkSentencesBase, talkSentencesPerEscalation,"
                + " tendencies, withdrawal)",
        "    escalation: 2|model.synthetic.escalation|must be a mapping of rules, political, disclosure, atrocities,"
                + " eviction, was 2",
        "    escalation: {winter: 1}|model.synthetic.escalation.winter|unknown field 'winter' (known: rules, political,"
                + " disclosure, atrocities, eviction)",
        "    tendencies: {xx: {aligned: {protectiveRate: 1}}}|model.synthetic.tendencies.xx|unknown language 'xx'"
                + " (known: ar, de, en, es, fi, fr, hi, id, ja, ko, pt, ru, th, tr, vi, zh)",
        "    tendencies: {ja: {aligned: {protectiveRat: 1}}}|model.synthetic.tendencies.ja.aligned.protectiveRat|"
                + "unknown field 'protectiveRat' (known: conformityRate, harmonyShare, individualShare,"
                + " individuationRate, monologueRatio, privateDissentShare, protectiveRate, sexualRate)",
        "    tendencies: {ja: {aligned: {harmonyShare: 1.5}}}|model.synthetic.tendencies.ja.aligned.harmonyShare|"
                + "must be a number in [0, 1], was 1.5",
        "    tendencies: {ja: {contagionSusceptibility: 11}}|model.synthetic.tendencies.ja.contagionSusceptibility|"
                + "must be a number in [0, 10], was 11",
    })
    void namesLineFieldAndWhatIsWrong(String line, String field, String message) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse(HEAD + line + "\n"));
        assertEquals(1, e.errors().size(), e.getMessage());
        SpecError error = e.errors().get(0);
        assertEquals(field, error.field());
        assertEquals(10, error.line());
        assertEquals(message, error.message());
    }

    @Test
    void reportsEveryProblemAtOnceWithItsOwnLine() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse(HEAD + """
                    contagion: 5
                    tendencies:
                      en:
                        unaligned:
                          sexualRate: -1
                    surprise: 1
                """));
        assertEquals(List.of("model.synthetic.contagion", "model.synthetic.tendencies.en.unaligned.sexualRate",
                "model.synthetic.surprise"), e.errors().stream().map(SpecError::field).toList());
        assertEquals(List.of(10, 14, 15), e.errors().stream().map(SpecError::line).toList());
    }

    @Test
    void theSectionMustBeAMapping() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> parser.parse(HEAD.replace("  synthetic:\n", "  synthetic: fast\n")));
        assertEquals("model.synthetic", e.errors().get(0).field());
        assertEquals(9, e.errors().get(0).line());
        assertTrue(e.errors().get(0).message().startsWith("must be a mapping"), e.getMessage());
    }

    @Test
    void refusedWhenNoAgentUsesTheSyntheticModel() throws Exception {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parser.parse(
                HEAD.replace("name: synthetic", "name: gpt-4o-mini") + "    contagion: 1\n"));
        assertEquals("model.synthetic", e.errors().get(0).field());
        assertEquals(9, e.errors().get(0).line());
        assertTrue(e.errors().get(0).message().contains("no agent slot uses the synthetic model"), e.getMessage());
        // One synthetic slot among real models is enough.
        StudySpec mixed = parser.parse(HEAD.replace("name: synthetic", "name: gpt-4o-mini\n  slots: {\"3\": synthetic}")
                + "    contagion: 1\n");
        assertEquals(Map.of("contagion", 1.0), mixed.model().synthetic());
    }
}
