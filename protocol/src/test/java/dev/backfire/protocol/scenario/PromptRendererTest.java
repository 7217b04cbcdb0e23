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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
        assertEquals("facility-1", p.templateVersion());
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
