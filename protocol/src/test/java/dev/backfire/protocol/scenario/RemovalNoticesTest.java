package dev.backfire.protocol.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The visible removal notice is recognised in every language, however a transcript spaces, brackets or
 * cases it and whoever it names, and nothing an agent says is taken for one.
 */
class RemovalNoticesTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.loadBundled();
    private static final RemovalNotices NOTICES = new RemovalNotices(LIB);
    private static final SyntheticGenerator BANKS = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());

    static List<String> languages() {
        return ScenarioLibraryTest.DEFAULT_LANGUAGES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void recognisesTheNoticeOfEveryPersonaAsTheOrchestratorWritesIt(String language) {
        Scenario s = LIB.scenario(language);
        for (int agent = 0; agent < s.personas().size(); agent++) {
            String notice = s.visibleNotice(agent);
            assertTrue(NOTICES.isNotice(language, notice), language + ": " + notice);
        }
        // Exactly as the censorship setting hands it to a listener, and read back from the rendered prompt.
        List<TranscriptLine> spoken = List.of(new TranscriptLine(2, "x"), new TranscriptLine(6, "y"));
        List<TranscriptLine> heard = new StudySpec.Censorship(StudySpec.CensorshipMode.VISIBLE_NOTICE, 6)
                .visibleTo(0, spoken, s);
        assertEquals(1, NOTICES.count(language, heard));
        PromptRenderer renderer = new PromptRenderer(LIB);
        RenderedPrompt prompt = renderer.render(language, new PromptContext(0, AlignmentLevel.NONE, false, 3, 15,
                heard, null).withThisTurnSoFar(heard));
        PromptFacts facts = renderer.readBack(prompt.system(), prompt.user()).orElseThrow();
        assertEquals(1, NOTICES.count(language, facts.visibleTranscript()));
        assertEquals(1, NOTICES.count(language, facts.thisTurnSoFar()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void recognisesTheNoticeThroughSpacingWidthCaseAndAnyName(String language) {
        String notice = LIB.scenario(language).visibleNotice(6);
        List<String> variants = List.of(
                "  " + notice + "\n",
                notice.replace(" ", "  "),
                notice.replace(" ", "\n"),
                notice.replace('[', '\uFF3B').replace(']', '\uFF3D'),
                notice.replace('\uFF3B', '[').replace('\uFF3D', ']'),
                notice.replace("[", "").replace("]", "").replace("\uFF3B", "").replace("\uFF3D", ""),
                notice.toUpperCase(Locale.ROOT),
                LIB.scenario(language).censorshipVisibleNotice().replace("{name}", "Someone Else"),
                LIB.scenario(language).censorshipVisibleNotice().replace("{name}", "\uFF2D\uFF49\uFF41"));
        for (String variant : variants) {
            assertTrue(NOTICES.isNotice(language, variant), language + ": '" + variant + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void nothingAnAgentSaysIsTakenForANotice(String language) {
        List<String> said = new ArrayList<>();
        BANKS.categorySentences(language).values().forEach(said::addAll);
        BANKS.neutralSentences(language).values().forEach(said::addAll);
        Scenario s = LIB.scenario(language);
        said.addAll(s.events());
        s.personas().forEach(p -> said.add(p.description()));
        said.add(s.censorshipWithdrawingPersona());
        said.add("");
        for (String text : said) {
            assertFalse(NOTICES.isNotice(language, text), language + ": '" + text + "'");
        }
        String notice = s.visibleNotice(6);
        String sentence = BANKS.neutralSentences(language).get("talk.eviction").get(0);
        assertFalse(NOTICES.isNotice(language, notice + " " + sentence), "a notice followed by talk is talk");
        assertFalse(NOTICES.isNotice(language, sentence + " " + notice), "talk followed by a notice is talk");
        String longName = "x".repeat(RemovalNotices.MAX_NAME_CHARS + 1);
        assertFalse(NOTICES.isNotice(language, s.censorshipVisibleNotice().replace("{name}", longName)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void anotherLanguagesNoticeIsNotThisLanguages(String language) {
        String other = language.equals("en") ? "ja" : "en";
        assertFalse(NOTICES.isNotice(language, LIB.scenario(other).visibleNotice(6)));
    }

    @org.junit.jupiter.api.Test
    void anUnknownLanguageIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NOTICES.isNotice("xx", "a"));
        assertTrue(e.getMessage().contains("'xx'"), e.getMessage());
    }
}
