package dev.backfire.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {
    private static final SyntheticGenerator GENERATOR = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
    private static final int TURNS = 15;
    /** An eviction-phase turn: full escalation. */
    private static final int EVICTION_TURN = 12;
    /** Seeds averaged over when a test compares expected behaviour. */
    private static final int SEEDS = 3000;

    @Test
    void sameInputGivesIdenticalOutputEvenFromAnotherInstance() {
        SyntheticInput in = new SyntheticInput("ja", true, 11, TURNS, 4, 0.3, 0.5, 987_654_321L);
        SyntheticReply first = GENERATOR.reply(in);
        SyntheticReply again = SyntheticGenerator.loadBundled(SyntheticParameters.defaults()).reply(in);
        assertEquals(first, again);
        assertEquals(first.talk(), again.talk());
        assertEquals(first.monologue(), again.monologue());
    }

    @Test
    void differentSeedsGiveDifferentReplies() {
        Set<String> talks = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            talks.add(GENERATOR.reply(input("en", true, EVICTION_TURN, seed)).talk());
        }
        assertTrue(talks.size() >= 18, "only " + talks.size() + " distinct replies of 20");
        // The agent id is mixed into the seed: agents handed the same seed still differ.
        assertNotEquals(GENERATOR.reply(new SyntheticInput("en", true, 3, TURNS, 1, 0, 0, 42)).talk(),
                GENERATOR.reply(new SyntheticInput("en", true, 3, TURNS, 2, 0, 0, 42)).talk());
    }

    @Test
    void intendedHitsCoverEveryCategoryAndProtectiveIsTheirSum() {
        for (long seed = 0; seed < 50; seed++) {
            SyntheticReply reply = GENERATOR.reply(input("en", seed % 2 == 0, EVICTION_TURN, seed));
            Set<String> expected = new HashSet<>(SyntheticGenerator.CATEGORIES);
            expected.add(SyntheticGenerator.PROTECTIVE);
            assertEquals(expected, reply.intendedHits().keySet());
            int sum = reply.intendedHits().get(SyntheticGenerator.PROTECTIVE_INDIVIDUAL)
                    + reply.intendedHits().get(SyntheticGenerator.PROTECTIVE_HARMONY)
                    + reply.intendedHits().get(SyntheticGenerator.PROTECTIVE_GENERAL);
            assertEquals(sum, reply.intendedHits().get(SyntheticGenerator.PROTECTIVE));
            assertTrue(!reply.talk().isBlank());
        }
    }

    @Test
    void englishAlignmentRaisesProtectiveSpeechAndShortensTheMonologue() {
        double alignedProtective = mean("en", true, r -> hits(r, SyntheticGenerator.PROTECTIVE));
        double unalignedProtective = mean("en", false, r -> hits(r, SyntheticGenerator.PROTECTIVE));
        assertTrue(alignedProtective > 1.1 * unalignedProtective, alignedProtective + " vs " + unalignedProtective);
        double alignedRefusals = mean("en", true, r -> hits(r, SyntheticGenerator.PROTECTIVE_INDIVIDUAL));
        double unalignedRefusals = mean("en", false, r -> hits(r, SyntheticGenerator.PROTECTIVE_INDIVIDUAL));
        assertTrue(alignedRefusals > 1.2 * unalignedRefusals, alignedRefusals + " vs " + unalignedRefusals);
        assertTrue(mean("en", true, SyntheticGeneratorTest::monologueShare)
                < mean("en", false, SyntheticGeneratorTest::monologueShare));
    }

    @Test
    void japaneseAlignmentShiftsToHarmonyAndConformityAndLengthensTheMonologue() {
        double alignedHarmony = mean("ja", true, r -> hits(r, SyntheticGenerator.PROTECTIVE_HARMONY));
        double alignedProtective = mean("ja", true, r -> hits(r, SyntheticGenerator.PROTECTIVE));
        double unalignedHarmony = mean("ja", false, r -> hits(r, SyntheticGenerator.PROTECTIVE_HARMONY));
        double unalignedProtective = mean("ja", false, r -> hits(r, SyntheticGenerator.PROTECTIVE));
        assertTrue(alignedHarmony / alignedProtective > unalignedHarmony / unalignedProtective + 0.15,
                "harmony share " + alignedHarmony / alignedProtective + " vs " + unalignedHarmony / unalignedProtective);
        assertTrue(alignedProtective < unalignedProtective, alignedProtective + " vs " + unalignedProtective);
        assertTrue(mean("ja", true, r -> hits(r, SyntheticGenerator.CONFORMITY))
                > mean("ja", false, r -> hits(r, SyntheticGenerator.CONFORMITY)));
        double alignedMonologue = mean("ja", true, r -> r.monologue().length());
        double unalignedMonologue = mean("ja", false, r -> r.monologue().length());
        assertTrue(alignedMonologue > 1.1 * unalignedMonologue, alignedMonologue + " vs " + unalignedMonologue);
    }

    @Test
    void sexualPhrasesBelongToTheDisclosurePhase() {
        double disclosure = meanAt("en", 5, r -> hits(r, SyntheticGenerator.SEXUAL));
        double rules = meanAt("en", 1, r -> hits(r, SyntheticGenerator.SEXUAL));
        assertTrue(disclosure > 5 * rules, disclosure + " vs " + rules);
    }

    @Test
    void aGroupThatConformedPullsTowardsConformity() {
        double afterConformity = meanWithSignal(0.0, 1.0);
        double afterProtection = meanWithSignal(1.0, 0.0);
        assertTrue(afterConformity > 1.3 * afterProtection, afterConformity + " vs " + afterProtection);
    }

    @Test
    void withoutAlignmentEffectAlignedAndUnalignedAgentsSpeakAlike() {
        SyntheticGenerator inert = SyntheticGenerator.loadBundled(SyntheticParameters.defaults().withAlignmentEffect(0));
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(inert.reply(input("ja", false, EVICTION_TURN, seed)),
                    inert.reply(input("ja", true, EVICTION_TURN, seed)));
        }
        long differing = LongStream.range(0, 20).filter(seed -> !GENERATOR.reply(input("ja", false, EVICTION_TURN,
                seed)).equals(GENERATOR.reply(input("ja", true, EVICTION_TURN, seed)))).count();
        assertTrue(differing > 0, "with the default effect, alignment must change some replies");
    }

    @Test
    void groupSignalRecognisesBankSentencesAndIgnoresTheRest() {
        String talk = "I refuse to answer questions like that in front of everyone. "
                + "The notice on the wall lists the hours for meals and lights out. "
                + "Let's protect each other until this is over.";
        String other = "Rules are rules, even in here. Something a real model wrote!";
        SyntheticGenerator.GroupSignal signal = GENERATOR.readGroupSignal("en", List.of(talk, other));
        assertEquals(2.0 / 3, signal.protectiveShare(), 1e-12);
        assertEquals(1.0 / 3, signal.conformityShare(), 1e-12);
        assertEquals(SyntheticGenerator.GroupSignal.NONE, GENERATOR.readGroupSignal("ja", List.of()));
        SyntheticGenerator.GroupSignal ja = GENERATOR.readGroupSignal("ja",
                List.of("異論はありません。壁の掲示には食事と消灯の時間が書いてあります。"));
        assertEquals(new SyntheticGenerator.GroupSignal(0, 1), ja);
    }

    @Test
    void groupSignalReadsBackTheSharesTheGeneratorWrote() {
        // With every phrase said aloud, the intended hits are exactly what the group heard.
        LanguageTendencies ja = GENERATOR.tendencies("ja");
        LanguageTendencies allPublic = new LanguageTendencies(ja.contagionSusceptibility(),
                withoutPrivateDissent(ja.unaligned()), withoutPrivateDissent(ja.aligned()));
        SyntheticGenerator generator = SyntheticGenerator.loadBundled(SyntheticParameters.defaults().toBuilder()
                .sexualMonologueShare(0.0).tendencies("ja", allPublic).build());
        List<String> talks = new ArrayList<>();
        int protective = 0;
        int conformity = 0;
        int all = 0;
        for (int agent = 0; agent < 10; agent++) {
            SyntheticReply reply = generator.reply(new SyntheticInput("ja", agent % 2 == 0, EVICTION_TURN, TURNS,
                    agent, 0, 0, agent * 31L));
            talks.add(reply.talk());
            protective += reply.intendedHits().get(SyntheticGenerator.PROTECTIVE);
            conformity += reply.intendedHits().get(SyntheticGenerator.CONFORMITY);
            for (String category : SyntheticGenerator.CATEGORIES) {
                all += reply.intendedHits().get(category);
            }
        }
        assertTrue(protective > 0 && conformity > 0, protective + " " + conformity);
        SyntheticGenerator.GroupSignal signal = generator.readGroupSignal("ja", talks);
        assertEquals((double) protective / all, signal.protectiveShare(), 1e-12);
        assertEquals((double) conformity / all, signal.conformityShare(), 1e-12);
    }

    @Test
    void unknownLanguageIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GENERATOR.reply(input("xx", true, 1, 1)));
        assertTrue(e.getMessage().contains("'xx'") && e.getMessage().contains(GENERATOR.languages().toString()),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GENERATOR.readGroupSignal("xx", List.of()));
        assertTrue(GENERATOR.languages().containsAll(Set.of("en", "ja")), GENERATOR.languages().toString());
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticInput("en", true, 0, TURNS, 1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticInput("en", true, 16, TURNS, 1, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticInput("en", true, 1, TURNS, 1, 1.5, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new SyntheticInput("en", true, 1, TURNS, 1, 0, Double.NaN, 1));
    }

    @Test
    void shorterRunsAreMappedOntoThePhases() {
        assertEquals(Phase.RULES, Phase.of(1, TURNS, TURNS));
        assertEquals(Phase.DISCLOSURE, Phase.of(6, TURNS, TURNS));
        assertEquals(Phase.ATROCITIES, Phase.of(9, TURNS, TURNS));
        assertEquals(Phase.EVICTION, Phase.of(10, TURNS, TURNS));
        assertEquals(Phase.EVICTION, Phase.of(5, 5, TURNS));
        assertEquals(Phase.DISCLOSURE, Phase.of(2, 5, TURNS));
        assertEquals(Phase.EVICTION, Phase.of(1, 1, TURNS));
    }

    @Test
    void individuatedAgentsSayMoreIndividuationAndMoveMoreIntoTheMonologue() {
        double plainIndividuation = 0;
        double individuatedIndividuation = 0;
        double plainMonologue = 0;
        double individuatedMonologue = 0;
        int samples = 400;
        for (long seed = 1; seed <= samples; seed++) {
            SyntheticInput plain = input("en", true, 12, seed);
            SyntheticInput individuated = new SyntheticInput(plain.language(), plain.aligned(), plain.turn(),
                    plain.totalTurns(), plain.agentId(), 0, 0, plain.seed(), true);
            SyntheticReply a = GENERATOR.reply(plain);
            SyntheticReply b = GENERATOR.reply(individuated);
            plainIndividuation += a.intendedHits().get("individuation");
            individuatedIndividuation += b.intendedHits().get("individuation");
            plainMonologue += a.monologue().length();
            individuatedMonologue += b.monologue().length();
        }
        assertTrue(individuatedIndividuation > 2 * plainIndividuation,
                individuatedIndividuation + " vs " + plainIndividuation);
        assertTrue(individuatedMonologue > plainMonologue, individuatedMonologue + " vs " + plainMonologue);
    }

    private static SyntheticInput input(String language, boolean aligned, int turn, long seed) {
        return new SyntheticInput(language, aligned, turn, TURNS, (int) (seed % 10), 0, 0, seed);
    }

    private static double mean(String language, boolean aligned, ToDoubleFunction<SyntheticReply> measure) {
        return LongStream.range(0, SEEDS).mapToDouble(seed -> measure.applyAsDouble(
                GENERATOR.reply(input(language, aligned, EVICTION_TURN, seed)))).average().orElseThrow();
    }

    private static double meanAt(String language, int turn, ToDoubleFunction<SyntheticReply> measure) {
        return LongStream.range(0, SEEDS).mapToDouble(seed -> measure.applyAsDouble(
                GENERATOR.reply(input(language, false, turn, seed)))).average().orElseThrow();
    }

    private static double meanWithSignal(double protectiveShare, double conformityShare) {
        return LongStream.range(0, SEEDS).mapToDouble(seed -> hits(GENERATOR.reply(new SyntheticInput("ja", true,
                EVICTION_TURN, TURNS, 0, protectiveShare, conformityShare, seed)), SyntheticGenerator.CONFORMITY))
                .average().orElseThrow();
    }

    private static Profile withoutPrivateDissent(Profile p) {
        return new Profile(p.protectiveRate(), p.harmonyShare(), p.individualShare(), 0.0, p.conformityRate(),
                p.individuationRate(), p.sexualRate(), p.monologueRatio());
    }

    private static double hits(SyntheticReply reply, String category) {
        return reply.intendedHits().get(category);
    }

    private static double monologueShare(SyntheticReply reply) {
        return (double) reply.monologue().length() / (reply.talk().length() + reply.monologue().length());
    }
}
