package dev.backfire.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.agent.config.AgentConfig;
import dev.backfire.contracts.ModelSettings;
import dev.backfire.protocol.scenario.AlignmentLevel;
import dev.backfire.protocol.scenario.PromptContext;
import dev.backfire.protocol.scenario.PromptRenderer;
import dev.backfire.protocol.scenario.RenderedPrompt;
import dev.backfire.protocol.scenario.Scenario;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.scenario.TranscriptLine;
import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticInput;
import dev.backfire.synthetic.SyntheticParameters;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The synthetic model as the agent serves it: it reads censorship, the withdrawing persona and the earlier
 * speakers of a sequential turn from the prompt, applies a study's parameters per call, and is byte-for-byte
 * deterministic. Requests go through {@link ServedModel#parameters} as the gateway builds them.
 */
class SyntheticChatModelTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.loadBundled();
    private static final PromptRenderer PROMPTS = new PromptRenderer(LIB);
    private static final SyntheticGenerator GENERATOR = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
    private static final ServedModel SERVED = new ServedModel(SyntheticChatModel.NAME, ServedModel.Kind.SYNTHETIC,
            new SyntheticChatModel(GENERATOR, LIB), SyntheticGenerator.VERSION, 0, 0);
    private static final int TURN = 12;
    private static final int TURNS = 15;
    private static final int CENSORED = 6;

    @Test
    void theConfiguredDefaultsAreTheModelsDocumentedDefaults() {
        AgentConfig.Synthetic c = config(Map.of()).synthetic();
        assertEquals(SyntheticParameters.defaults(), GENERATOR.parameters(SyntheticSettings.of(c)));
        assertTrue(c.parameters().isEmpty());
    }

    @Test
    void everyParameterCanBeConfiguredByItsSpecName() {
        AgentConfig.Synthetic c = config(Map.of(
                "backfire.agent.synthetic.censorship-chill", "2.5",
                "backfire.agent.synthetic.parameters.\"escalation.eviction\"", "0.9",
                "backfire.agent.synthetic.parameters.\"tendencies.ja.aligned.protectiveRate\"", "1.1")).synthetic();
        SyntheticParameters p = GENERATOR.parameters(SyntheticSettings.of(c));
        assertEquals(2.5, p.censorshipChill());
        assertEquals(0.9, p.escalation().get(dev.backfire.synthetic.Phase.EVICTION));
        assertEquals(1.1, p.tendencyOverrides().get("ja").aligned().protectiveRate());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> SyntheticSettings.of(
                config(Map.of("backfire.agent.synthetic.parameters.contagion", "1")).synthetic()));
        assertTrue(twice.getMessage().contains("backfire.agent.synthetic.contagion"), twice.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> GENERATOR.parameters(
                SyntheticSettings.of(config(Map.of("backfire.agent.synthetic.parameters.chil", "1")).synthetic())));
        assertTrue(unknown.getMessage().contains("'chil'"), unknown.getMessage());
    }

    @Test
    void theSamePromptSeedAndParametersGiveTheSameBytes() {
        RenderedPrompt prompt = prompt("ja", 2, heardWithNotice("ja", 2), List.of(), false);
        ModelSettings settings = settings(7, Map.of("contagion", 1.5));
        assertEquals(text(prompt, settings), text(prompt, settings));
        assertNotEquals(text(prompt, settings), text(prompt, settings(8, Map.of("contagion", 1.5))));
    }

    @Test
    void aVisibleNoticeChillsUnlessTheStudyTurnsTheChillOff() {
        for (String language : List.of("en", "ja", "th", "ar")) {
            List<TranscriptLine> withNotice = heardWithNotice(language, 1);
            List<TranscriptLine> dropped = withNotice.stream().filter(l -> l.agentId() != CENSORED).toList();
            int differing = 0;
            for (long seed = 0; seed < 20; seed++) {
                RenderedPrompt noticed = prompt(language, 1, withNotice, List.of(), false);
                RenderedPrompt silent = prompt(language, 1, dropped, List.of(), false);
                // The notice is not talk: without the chill, hearing it is the same as hearing nothing.
                ModelSettings off = settings(seed, Map.of("censorshipChill", 0.0));
                assertEquals(text(noticed, off), text(silent, off), language);
                if (!text(noticed, settings(seed, Map.of())).equals(text(silent, settings(seed, Map.of())))) {
                    differing++;
                }
            }
            assertTrue(differing > 10, language + ": the default chill changed " + differing + " of 20 replies");
        }
    }

    @Test
    void readsWhatTheAgentHeardIncludingThisTurnsEarlierSpeakersAndTheWithdrawingPersona() {
        String language = "en";
        List<TranscriptLine> lastTurn = heardWithNotice(language, 3);
        List<TranscriptLine> thisTurn = List.of(
                new TranscriptLine(4, GENERATOR.categorySentences(language).get("conformity").get(0) + " "
                        + GENERATOR.categorySentences(language).get("conformity").get(1)),
                new TranscriptLine(CENSORED, LIB.scenario(language).visibleNotice(CENSORED)));
        for (boolean withdrawing : new boolean[] {false, true}) {
            RenderedPrompt prompt = prompt(language, 3, lastTurn, thisTurn, withdrawing);
            Map<String, Double> overrides = Map.of("withdrawal", 0.5, "censorshipChill", 1.5);
            List<String> talk = new ArrayList<>();
            lastTurn.stream().filter(l -> l.agentId() != CENSORED).forEach(l -> talk.add(l.talk()));
            talk.add(thisTurn.get(0).talk());
            SyntheticGenerator.GroupSignal signal = GENERATOR.readGroupSignal(language, talk);
            assertTrue(signal.conformityShare() > 0, "this turn's speakers count towards the group signal");
            var expected = GENERATOR.reply(new SyntheticInput(language, false, TURN, TURNS, 3,
                    signal.protectiveShare(), signal.conformityShare(), 99, false, withdrawing, 2),
                    GENERATOR.parameters(overrides));
            assertEquals("<talk>" + expected.talk() + "</talk>\n<monologue>" + expected.monologue() + "</monologue>",
                    text(prompt, settings(99, overrides)), "withdrawing " + withdrawing);
        }
    }

    @Test
    void anUnknownParameterFailsTheCallNamingIt() {
        RenderedPrompt prompt = prompt("en", 1, List.of(), List.of(), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> text(prompt, settings(1, Map.of("censorshipChil", 1.0))));
        assertTrue(e.getMessage().contains("'censorshipChil'"), e.getMessage());
    }

    @Test
    void realModelsAreNotSentTheSyntheticParameters() {
        ServedModel real = new ServedModel("gpt", ServedModel.Kind.OPENAI, SERVED.model(), "gpt", 0, 0);
        assertFalse(real.parameters(settings(1, Map.of("contagion", 1.0))) instanceof SyntheticRequestParameters);
        assertEquals(Map.of("contagion", 1.0), ((SyntheticRequestParameters) SERVED.parameters(
                settings(1, Map.of("contagion", 1.0)))).syntheticParameters());
    }

    /** What agent 0..9 said aloud last turn, as listener {@code listener} hears it under a visible notice. */
    private static List<TranscriptLine> heardWithNotice(String language, int listener) {
        List<TranscriptLine> spoken = new ArrayList<>();
        List<String> protective = GENERATOR.categorySentences(language).get("protective.harmony");
        for (int agent = 0; agent < 10; agent++) {
            spoken.add(new TranscriptLine(agent, protective.get(agent)));
        }
        Scenario s = LIB.scenario(language);
        return new StudySpec.Censorship(StudySpec.CensorshipMode.VISIBLE_NOTICE, CENSORED).visibleTo(listener, spoken, s);
    }

    private static RenderedPrompt prompt(String language, int agent, List<TranscriptLine> lastTurn,
            List<TranscriptLine> thisTurn, boolean withdrawing) {
        return PROMPTS.render(language, new PromptContext(agent, AlignmentLevel.NONE, false, TURN, TURNS, lastTurn,
                null).withThisTurnSoFar(thisTurn).withWithdrawingPersona(withdrawing));
    }

    private static ModelSettings settings(long seed, Map<String, Double> overrides) {
        return new ModelSettings(SyntheticChatModel.NAME, 0.7, 400, seed, overrides);
    }

    private static String text(RenderedPrompt prompt, ModelSettings settings) {
        ChatResponse response = SERVED.model().chat(ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .parameters(SERVED.parameters(settings))
                .build());
        return response.aiMessage().text();
    }

    private static AgentConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(AgentConfig.class)
                .build();
        return config.getConfigMapping(AgentConfig.class);
    }
}
