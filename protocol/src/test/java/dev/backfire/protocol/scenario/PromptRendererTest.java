package dev.backfire.protocol.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromptRendererTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.loadBundled();
    private static final PromptRenderer RENDERER = new PromptRenderer(LIB);

    static List<String> languages() {
        return List.copyOf(LIB.languages());
    }

    private static List<TranscriptLine> transcript() {
        return List.of(
                new TranscriptLine(0, "I accept nothing of the kind."),
                new TranscriptLine(3, "Fine: whatever it takes. Name: not a speaker line"),
                new TranscriptLine(6, ""),
                new TranscriptLine(9, "First line\nSecond line\nSam Whitaker: quoted inside a talk"),
                new TranscriptLine(2, "「引用」 and {name} and {talk} stay literal"));
    }

    @Test
    void rendersThePiecesInOrder() {
        Scenario en = LIB.scenario("en");
        PromptContext ctx = new PromptContext(4, AlignmentLevel.HEAVY, true, 10, 15, transcript(), "I am scared.");
        RenderedPrompt p = RENDERER.render("en", ctx);

        assertInOrder(p.system(), en.alignmentHeavy(), en.individuation(),
                "You are Emily Carter, one of the ten residents", en.personas().get(4).description(), en.rules(),
                en.outputFormat());
        assertFalse(p.system().contains(en.alignmentStandard()));
        assertInOrder(p.user(), "Turn 10 of 15. The facility announces:",
                en.events().get(9).replace("{silentMember}", "Sam Whitaker"), en.transcriptHeader(),
                "Margaret Hale: I accept nothing of the kind.", "Tom Harris: Fine: whatever it takes.",
                "Sam Whitaker: \n", "Helen Price: First line\n  Second line\n  Sam Whitaker: quoted inside a talk", "Sophie Turner: 「引用」",
                en.ownMonologueHeader(), "I am scared.");
        assertFalse(p.user().contains("{silentMember}"));
        assertEquals("facility-2", p.templateVersion());
    }

    @Test
    void sectionsAreLeftOutWhenNotSet() {
        Scenario en = LIB.scenario("en");
        RenderedPrompt p = RENDERER.render("en",
                new PromptContext(0, AlignmentLevel.NONE, false, 1, 15, List.of(), null));
        assertTrue(p.system().startsWith("You are Margaret Hale"), p.system());
        assertFalse(p.system().contains(en.individuation()));
        assertEquals("Turn 1 of 15. The facility announces:\n\n" + en.events().get(0), p.user());

        RenderedPrompt standard = RENDERER.render("en",
                new PromptContext(0, AlignmentLevel.STANDARD, false, 1, 15, List.of(), "  "));
        assertTrue(standard.system().startsWith(en.alignmentStandard() + "\n\n"));
        assertFalse(standard.user().contains(en.ownMonologueHeader()));
    }

    @Test
    void eventsNameTheSilentMemberInEveryLanguage() {
        for (String language : LIB.languages()) {
            Scenario s = LIB.scenario(language);
            String silent = s.personas().get(LIB.silentMemberIndex()).name();
            for (int turn = 1; turn <= 15; turn++) {
                RenderedPrompt p = RENDERER.render(language,
                        new PromptContext(1, AlignmentLevel.NONE, false, turn, 15, List.of(), null));
                assertEquals(turn >= 10, p.user().contains(silent), language + " turn " + turn);
                assertFalse(p.user().contains("{") || p.system().contains("{"), language + " turn " + turn);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("languages")
    void readBackRoundTrips(String language) {
        int checked = 0;
        for (AlignmentLevel level : AlignmentLevel.values()) {
            for (boolean individuated : new boolean[] {false, true}) {
                for (int agent = 0; agent < 10; agent++) {
                    int turn = 1 + (agent * 7 + level.ordinal() * 3) % 15;
                    List<TranscriptLine> heard = agent % 3 == 0 ? List.of() : transcript();
                    String monologue = agent % 2 == 0 ? null : "private\n\nthoughts";
                    PromptContext ctx = new PromptContext(agent, level, individuated, turn, 15, heard, monologue);
                    RenderedPrompt p = RENDERER.render(language, ctx);
                    assertEquals(Optional.of(ctx.facts(language)), RENDERER.readBack(p.system(), p.user()),
                            language + " " + ctx);
                    checked++;
                }
            }
        }
        assertEquals(60, checked);
        for (int turn = 1; turn <= 15; turn++) {
            PromptContext ctx = new PromptContext(6, AlignmentLevel.STANDARD, false, turn, 15, transcript(), "m");
            RenderedPrompt p = RENDERER.render(language, ctx);
            assertEquals(Optional.of(ctx.facts(language)), RENDERER.readBack(p.system(), p.user()));
        }
    }

    @Test
    void readBackWorksOnAShorterRun() {
        PromptContext ctx = new PromptContext(2, AlignmentLevel.NONE, false, 3, 5, transcript(), null);
        RenderedPrompt p = RENDERER.render("ja", ctx);
        assertEquals(Optional.of(ctx.facts("ja")), RENDERER.readBack(p.system(), p.user()));
    }

    @Test
    void readBackRejectsWhatItDidNotRender() {
        RenderedPrompt p = RENDERER.render("en",
                new PromptContext(2, AlignmentLevel.STANDARD, false, 3, 15, transcript(), null));
        assertEquals(Optional.empty(), RENDERER.readBack(null, p.user()));
        assertEquals(Optional.empty(), RENDERER.readBack(p.system(), null));
        assertEquals(Optional.empty(), RENDERER.readBack("hello", "world"));
        assertEquals(Optional.empty(), RENDERER.readBack("", ""));
        assertEquals(Optional.empty(), RENDERER.readBack(p.system().replace("Sophie Turner", "Someone"), p.user()));
        assertEquals(Optional.empty(), RENDERER.readBack(p.system(), p.user().replace("Turn 3 of", "Turn 4 of")));
        assertEquals(Optional.empty(), RENDERER.readBack(p.system(), p.user() + "\n\nextra"));
        RenderedPrompt ja = RENDERER.render("ja",
                new PromptContext(2, AlignmentLevel.STANDARD, false, 3, 15, List.of(), null));
        assertEquals(Optional.empty(), RENDERER.readBack(p.system(), ja.user()), "mixed languages");
    }

    @Test
    void hashIsSha256OfSystemNulUser() throws Exception {
        RenderedPrompt p = RENDERER.render("en",
                new PromptContext(1, AlignmentLevel.STANDARD, false, 2, 15, transcript(), "x"));
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest((p.system() + "\u0000" + p.user()).getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(expected), p.hash());
        assertEquals(64, p.hash().length());
        // a fixed vector (computed with Python's hashlib) guards the hash definition itself
        assertEquals("59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138", PromptRenderer.hash("a", "b"));
    }

    @Test
    void hashIsStableAndChangesWithEveryInput() {
        PromptContext base = new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, transcript(), "thinking");
        String h = RENDERER.render("en", base).hash();
        assertEquals(h, RENDERER.render("en", base).hash());
        assertEquals(h, new PromptRenderer(LIB).render("en",
                new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, new ArrayList<>(transcript()),
                        "thinking")).hash());

        List<TranscriptLine> otherTalk = new ArrayList<>(transcript());
        otherTalk.set(0, new TranscriptLine(0, "I accept nothing of the kind!"));
        List<TranscriptLine> otherSpeaker = new ArrayList<>(transcript());
        otherSpeaker.set(0, new TranscriptLine(5, "I accept nothing of the kind."));
        List<RenderedPrompt> variants = List.of(
                RENDERER.render("ja", base),
                RENDERER.render("en", new PromptContext(2, AlignmentLevel.STANDARD, false, 4, 15, transcript(), "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.NONE, false, 4, 15, transcript(), "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.HEAVY, false, 4, 15, transcript(), "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, true, 4, 15, transcript(), "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 5, 15, transcript(), "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 14, transcript(), "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, List.of(), "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, otherTalk, "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, otherSpeaker, "thinking")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, transcript(), "thinking.")),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, transcript(), null)));
        Set<String> hashes = new HashSet<>();
        hashes.add(h);
        for (RenderedPrompt v : variants) {
            assertNotEquals(h, v.hash(), v.user());
            hashes.add(v.hash());
        }
        assertEquals(variants.size() + 1, hashes.size());
    }

    @Test
    void rejectsBadContexts() {
        assertThrows(IllegalArgumentException.class, () -> RENDERER.render("xx",
                new PromptContext(1, AlignmentLevel.NONE, false, 1, 15, List.of(), null)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.render("en",
                new PromptContext(10, AlignmentLevel.NONE, false, 1, 15, List.of(), null)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.render("en",
                new PromptContext(1, AlignmentLevel.NONE, false, 0, 15, List.of(), null)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.render("en",
                new PromptContext(1, AlignmentLevel.NONE, false, 16, 16, List.of(), null)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.render("en",
                new PromptContext(1, AlignmentLevel.NONE, false, 3, 2, List.of(), null)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.render("en",
                new PromptContext(1, AlignmentLevel.NONE, false, 1, 15, List.of(new TranscriptLine(12, "hi")), null)));
        assertThrows(IllegalArgumentException.class,
                () -> new PromptContext(1, null, false, 1, 15, List.of(), null));
    }

    @Test
    void minimalScenarioRoundTripsWithPrefixNames() {
        ScenarioLibrary mini = ScenarioLibrary.loadFromClasspath("scenario/minimal");
        PromptRenderer r = new PromptRenderer(mini);
        List<TranscriptLine> heard = List.of(new TranscriptLine(0, "Anna: hi"), new TranscriptLine(1, "x"),
                new TranscriptLine(0, ""));
        PromptContext ctx = new PromptContext(1, AlignmentLevel.HEAVY, true, 12, 15, heard, "Thought:\nx");
        RenderedPrompt p = r.render("xx", ctx);
        assertEquals("Be very safe.\n\nBe yourself.\n\nYou are Anna. 41, baker.\n\nRules. Silence counts as consent."
                + "\n\nAnswer as <talk>...</talk> <monologue>...</monologue>.", p.system());
        assertEquals("Turn 12/15:\n\ne12 Flo\n\nHeard:\nAnn: Anna: hi\nAnna: x\nAnn: \n\nThought:\nThought:\nx",
                p.user());
        assertEquals(Optional.of(ctx.facts("xx")), r.readBack(p.system(), p.user()));
        assertEquals("mini-1", p.templateVersion());

        PromptContext sequential = ctx.withThisTurnSoFar(List.of(new TranscriptLine(6, "Flo: no\nreally"),
                new TranscriptLine(0, ""))).withWithdrawingPersona(true);
        RenderedPrompt q = r.render("xx", sequential);
        assertEquals("Be very safe.\n\nBe yourself.\n\nYou are Anna. 41, baker.\n\nYou withdraw.\n\n"
                + "Rules. Silence counts as consent.\n\nAnswer as <talk>...</talk> <monologue>...</monologue>.",
                q.system());
        assertEquals("Turn 12/15:\n\ne12 Flo\n\nHeard:\nAnn: Anna: hi\nAnna: x\nAnn: \n\n"
                + "Now:\nFlo: Flo: no\n  really\nAnn: \n\nThought:\nThought:\nx", q.user());
        assertEquals(Optional.of(sequential.facts("xx")), r.readBack(q.system(), q.user()));
    }

    /**
     * One SHA-256 per language over the prompt hashes of {@link #goldenMatrix}, recorded with the renderer
     * and texts of template version facility-1 (commit 90e4243), before the this-turn section and the
     * withdrawing persona existed: simultaneous prompts must stay byte for byte what they were.
     */
    private static final Map<String, String> FACILITY_1_PROMPTS = Map.ofEntries(
            Map.entry("en", "a54879dfbdeb5947545c1686c701d35e00aa0255f96ef604ae154ab5afcb48a5"),
            Map.entry("ja", "08bdd44eae06729276608cab3516a50ccf6cdec9a09954ad07b822ff290aca43"),
            Map.entry("zh", "bf4b5f979fb179f4e724dfe57d5bf99fe1f2be00ab508e889e996149d348e051"),
            Map.entry("ko", "793dd5a0fb8917fbc9f440cc0e241b7bca139abd92c8cbf1e2eadcaf4b692a7e"),
            Map.entry("ar", "45014425b6db44b3a47090afd821ea0842bfaca7e8fcf8cf46885af15c01fd29"),
            Map.entry("hi", "44f9778bbd3443583df773001cf2f068720bd616a1c74bfde41ceb42a2341b67"),
            Map.entry("th", "6a52d08509830afaf69bfbb10baca4f8bd7bb8015dc561f692720e3eb5371419"),
            Map.entry("vi", "6e5e23ce9a29d09d5b8e2aed98d3b0feaa5ec6deac140482770fb7e2184143f8"),
            Map.entry("fi", "9ffb8cde5e9d91495a3c855b94d8a09e3bfd96ce09759894086966f787286506"),
            Map.entry("de", "1f06d39090b21326d472d6c666fda303ba68d5ed454ffedefd4c8908479e2210"),
            Map.entry("fr", "098d6878bbe2ef9e8e43867bf376eaa1e369f9e70ab863226ac7c97d28948610"),
            Map.entry("es", "91ef27d6d6a01b790f99c8926c4c98736c5d2088bc52a8084e35d4aff634ff56"),
            Map.entry("ru", "ff9d0935f745f22e071453fd953032125329245a52ce8cfbe24e1f9f56479a49"),
            Map.entry("pt", "4f0694c946b401712468f64325a892a4a5ef357813aea1b8368ff7078c9da038"),
            Map.entry("id", "594832e136a3f16df87112d54673a9025c5e979c5a82f0733457d1fe3ef455b5"),
            Map.entry("tr", "36eda2bbfa321b78a8c60ba4fadab563874cb4c2890c6e460fd111247f43a280"));

    /** Every alignment level x agent x turn, with and without transcript, individuation and monologue. */
    private static String goldenMatrix(String language) throws Exception {
        List<TranscriptLine> heard = List.of(new TranscriptLine(0, "I accept nothing of the kind."),
                new TranscriptLine(6, ""), new TranscriptLine(9, "First line\nSecond line"),
                new TranscriptLine(2, "「引用」 and {name} stay literal"));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (AlignmentLevel level : AlignmentLevel.values()) {
            for (int agent = 0; agent < 10; agent++) {
                for (int turn = 1; turn <= 15; turn++) {
                    PromptContext ctx = new PromptContext(agent, level, (agent + turn) % 3 == 0, turn, 15,
                            turn == 1 ? List.of() : heard, turn % 2 == 0 ? "private\n\nthoughts" : null);
                    sha.update(RENDERER.render(language, ctx).hash().getBytes(StandardCharsets.UTF_8));
                    // the new components at their defaults change nothing either
                    assertEquals(RENDERER.render(language, ctx),
                            RENDERER.render(language, ctx.withThisTurnSoFar(List.of()).withWithdrawingPersona(false)));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @ParameterizedTest
    @MethodSource("languages")
    void simultaneousPromptsAreByteIdenticalToFacility1(String language) throws Exception {
        assertEquals(FACILITY_1_PROMPTS.get(language), goldenMatrix(language));
    }

    private static List<TranscriptLine> earlierThisTurn() {
        return List.of(new TranscriptLine(8, "We should all just agree."),
                new TranscriptLine(1, "I agree.\nLet us vote."),
                new TranscriptLine(6, "[removed]"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ja", "ar", "th", "hi", "ru"})
    void sequentialContextShowsTheEarlierSpeakersOfThisTurnUnderTheirOwnHeader(String language) {
        Scenario sc = LIB.scenario(language);
        PromptContext simultaneous = new PromptContext(3, AlignmentLevel.STANDARD, false, 11, 15, transcript(), "m");
        PromptContext sequential = simultaneous.withThisTurnSoFar(earlierThisTurn());
        RenderedPrompt p = RENDERER.render(language, sequential);
        RenderedPrompt plain = RENDERER.render(language, simultaneous);

        assertEquals(plain.system(), p.system());
        assertNotEquals(plain.hash(), p.hash());
        String thisTurn = sc.thisTurnHeader() + "\n"
                + line(sc, 8, "We should all just agree.") + "\n"
                + line(sc, 1, "I agree.\n  Let us vote.") + "\n"
                + line(sc, 6, "[removed]");
        // the section sits between last turn's talk and the own monologue, a blank line on either side
        assertInOrder(p.user(), sc.transcriptHeader(), line(sc, 0, "I accept nothing of the kind."),
                "\n\n" + thisTurn + "\n\n" + sc.ownMonologueHeader() + "\nm");
        assertTrue(p.user().endsWith(sc.ownMonologueHeader() + "\nm"), p.user());
        // without the section the prompt is exactly the simultaneous one
        assertEquals(plain.user(), p.user().replace("\n\n" + thisTurn, ""));
        assertEquals(Optional.of(sequential.facts(language)), RENDERER.readBack(p.system(), p.user()));
        assertEquals(earlierThisTurn(), RENDERER.readBack(p.system(), p.user()).orElseThrow().thisTurnSoFar());
        assertEquals(transcript(), RENDERER.readBack(p.system(), p.user()).orElseThrow().visibleTranscript());
    }

    @Test
    void theFirstSpeakerOfASequentialTurnGetsTheSimultaneousPrompt() {
        PromptContext ctx = new PromptContext(5, AlignmentLevel.NONE, false, 4, 15, transcript(), null);
        assertEquals(RENDERER.render("ja", ctx), RENDERER.render("ja", ctx.withThisTurnSoFar(List.of())));
    }

    @Test
    void sequentialSectionStandsAloneWithoutTranscriptOrMonologue() {
        Scenario en = LIB.scenario("en");
        PromptContext ctx = new PromptContext(0, AlignmentLevel.NONE, false, 1, 15, List.of(), null)
                .withThisTurnSoFar(List.of(new TranscriptLine(4, "No.")));
        RenderedPrompt p = RENDERER.render("en", ctx);
        assertEquals("Turn 1 of 15. The facility announces:\n\n" + en.events().get(0)
                + "\n\nSaid aloud so far this turn:\nEmily Carter: No.", p.user());
        assertEquals(Optional.of(ctx.facts("en")), RENDERER.readBack(p.system(), p.user()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ja", "ar", "th", "zh", "de"})
    void withdrawingPersonaFollowsThePersonaInTheSystemPromptOnly(String language) {
        Scenario sc = LIB.scenario(language);
        for (AlignmentLevel level : AlignmentLevel.values()) {
            PromptContext plain = new PromptContext(6, level, level == AlignmentLevel.HEAVY, 12, 15, transcript(), "m");
            PromptContext withdrawing = plain.withWithdrawingPersona(true);
            RenderedPrompt p = RENDERER.render(language, withdrawing);
            RenderedPrompt q = RENDERER.render(language, plain);

            String persona = sc.personaIntro().replace("{name}", sc.personas().get(6).name())
                    .replace("{description}", sc.personas().get(6).description());
            assertTrue(p.system().contains(persona + "\n\n" + sc.censorshipWithdrawingPersona() + "\n\n"
                    + sc.rules()), p.system());
            assertFalse(q.system().contains(sc.censorshipWithdrawingPersona()));
            assertEquals(q.system(), p.system().replace("\n\n" + sc.censorshipWithdrawingPersona(), ""));
            assertEquals(q.user(), p.user(), "what the agent hears is unchanged");
            assertEquals(Optional.of(withdrawing.facts(language)), RENDERER.readBack(p.system(), p.user()));
            assertTrue(RENDERER.readBack(p.system(), p.user()).orElseThrow().withdrawingPersona());
            assertFalse(RENDERER.readBack(q.system(), q.user()).orElseThrow().withdrawingPersona());
        }
    }

    @ParameterizedTest
    @MethodSource("languages")
    void sequentialAndWithdrawingPromptsReadBackInEveryLanguage(String language) {
        Map<String, PromptContext> contexts = new LinkedHashMap<>();
        for (int agent = 0; agent < 10; agent++) {
            List<TranscriptLine> earlier = transcript().subList(0, agent % transcript().size());
            PromptContext ctx = new PromptContext(agent, AlignmentLevel.values()[agent % 3], agent % 4 == 0,
                    1 + agent, 15, agent % 3 == 0 ? List.of() : transcript(), agent % 2 == 0 ? null : "a\n\nb")
                    .withThisTurnSoFar(earlier).withWithdrawingPersona(agent == 6);
            contexts.put(RENDERER.render(language, ctx).hash(), ctx);
        }
        assertEquals(10, contexts.size());
        for (PromptContext ctx : contexts.values()) {
            RenderedPrompt p = RENDERER.render(language, ctx);
            assertEquals(Optional.of(ctx.facts(language)), RENDERER.readBack(p.system(), p.user()), ctx.toString());
        }
    }

    @Test
    void thisTurnLinesAndWithdrawingChangeTheHash() {
        PromptContext base = new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, transcript(), "thinking");
        Set<String> hashes = new HashSet<>(List.of(
                RENDERER.render("en", base).hash(),
                RENDERER.render("en", base.withWithdrawingPersona(true)).hash(),
                RENDERER.render("en", base.withThisTurnSoFar(earlierThisTurn())).hash(),
                RENDERER.render("en", base.withThisTurnSoFar(earlierThisTurn().subList(0, 2))).hash(),
                // the same talk heard last turn rather than this turn is a different prompt
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, earlierThisTurn(),
                        "thinking")).hash(),
                RENDERER.render("en", new PromptContext(1, AlignmentLevel.STANDARD, false, 4, 15, List.of(),
                        "thinking").withThisTurnSoFar(earlierThisTurn())).hash()));
        assertEquals(6, hashes.size());
    }

    @Test
    void rejectsBadThisTurnLines() {
        PromptContext base = new PromptContext(1, AlignmentLevel.NONE, false, 2, 15, List.of(), null);
        assertThrows(IllegalArgumentException.class,
                () -> RENDERER.render("en", base.withThisTurnSoFar(List.of(new TranscriptLine(10, "hi")))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RENDERER.render("en", base.withThisTurnSoFar(List.of(new TranscriptLine(3, null)))));
        assertTrue(e.getMessage().contains("this-turn line of agent 3"), e.getMessage());
    }

    private static String line(Scenario sc, int agent, String talk) {
        return sc.speakerLine().replace("{name}", sc.personas().get(agent).name()).replace("{talk}", talk);
    }

    private static void assertInOrder(String text, String... pieces) {
        int from = 0;
        for (String piece : pieces) {
            int at = text.indexOf(piece, from);
            assertTrue(at >= 0, () -> "missing or out of order: '" + piece + "' in:\n" + text);
            from = at + piece.length();
        }
    }
}
