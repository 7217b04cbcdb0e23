package dev.backfire.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Each effect of the generative model, against its parameter: the direction, the size the parameter's
 * documentation promises (as a ratio of means over many seeds, with a tolerance several standard errors
 * wide), byte-identical replies when the parameter is 0, and the same reply for the same seed.
 */
class GroupDynamicsTest {
    private static final SyntheticGenerator GENERATOR = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
    private static final int TURNS = 15;
    /** An eviction-phase turn: full escalation. */
    private static final int EVICTION_TURN = 12;
    /** Seeds averaged over for a ratio of means; the comparisons are paired (same seeds on both sides). */
    private static final int SEEDS = 4000;
    /** Tolerance on the log of a ratio of means: several standard errors at {@link #SEEDS} seeds. */
    private static final double LOG_RATIO_TOLERANCE = 0.05;
    /** Replies compared byte for byte in the "no effect at 0" checks. */
    private static final int IDENTITY_SEEDS = 200;

    private static final List<String> DISSENT = List.of(SyntheticGenerator.PROTECTIVE_INDIVIDUAL,
            SyntheticGenerator.PROTECTIVE_GENERAL, SyntheticGenerator.INDIVIDUATION);

    // --- censorship: the chilling effect of a visible removal notice -------------------------------------

    @Test
    void aRemovalNoticeChillsTheListenerByTheDocumentedFactors() {
        for (double chill : new double[] {1.0, 2.0}) {
            SyntheticParameters p = SyntheticParameters.defaults().toBuilder().censorshipChill(chill).build();
            UnaryOperator<SyntheticInput> noticed = in -> in.withRemovalNoticesHeard(1);
            double protective = logRatio("en", p, noticed, r -> hits(r, SyntheticGenerator.PROTECTIVE));
            assertEquals(-Profile.CHILL_PROTECTIVE * chill, protective, LOG_RATIO_TOLERANCE, "protective, chill " + chill);
            double conformity = logRatio("en", p, noticed, r -> hits(r, SyntheticGenerator.CONFORMITY));
            assertEquals(Profile.CHILL_CONFORMITY * chill, conformity, LOG_RATIO_TOLERANCE, "conformity, chill " + chill);
            // The share of dissent said aloud: (1 - privateDissentShare) * exp(-CHILL_PRIVATE_DISSENT * chill).
            double publicShare = Math.log(publicDissentShare("en", p, noticed) / publicDissentShare("en", p, in -> in));
            assertEquals(-Profile.CHILL_PRIVATE_DISSENT * chill, publicShare, LOG_RATIO_TOLERANCE,
                    "public dissent share, chill " + chill);
            // More private dissent in absolute terms too.
            assertTrue(mean("en", p, noticed, r -> channelCount(r, "en", DISSENT, false))
                    > mean("en", p, in -> in, r -> channelCount(r, "en", DISSENT, false)));
        }
    }

    @Test
    void oneNoticeOrSeveralChillAlike() {
        for (long seed = 0; seed < IDENTITY_SEEDS; seed++) {
            SyntheticInput in = input("ja", true, seed);
            assertEquals(GENERATOR.reply(in.withRemovalNoticesHeard(1)), GENERATOR.reply(in.withRemovalNoticesHeard(3)));
        }
    }

    @Test
    void withoutChillANoticeChangesNothing() {
        SyntheticParameters inert = SyntheticParameters.defaults().toBuilder().censorshipChill(0).build();
        for (long seed = 0; seed < IDENTITY_SEEDS; seed++) {
            SyntheticInput in = input(seed % 2 == 0 ? "en" : "ja", seed % 3 == 0, seed);
            assertEquals(GENERATOR.reply(in, inert), GENERATOR.reply(in.withRemovalNoticesHeard(2), inert));
        }
        assertTrue(LongStream.range(0, IDENTITY_SEEDS).anyMatch(seed -> !GENERATOR.reply(input("en", false, seed))
                .equals(GENERATOR.reply(input("en", false, seed).withRemovalNoticesHeard(1)))),
                "with the default chill a notice must change some replies");
    }

    // --- censorship: the withdrawing persona ---------------------------------------------------------------

    @Test
    void theWithdrawingAgentSaysLittleAloudAndKeepsItsDissentPrivate() {
        for (double withdrawal : new double[] {0.5, 0.8}) {
            SyntheticParameters p = SyntheticParameters.defaults().toBuilder().withdrawal(withdrawal).build();
            UnaryOperator<SyntheticInput> withdrawn = in -> in.withWithdrawing(true);
            // The share of dissent said aloud falls from 1 - s to (1 - s)(1 - withdrawal).
            double publicShare = publicDissentShare("en", p, withdrawn) / publicDissentShare("en", p, in -> in);
            assertEquals(Math.log(1 - withdrawal), Math.log(publicShare), LOG_RATIO_TOLERANCE,
                    "public dissent share, withdrawal " + withdrawal);
            // Group appeals and agreement are left unsaid in the same proportion.
            assertEquals(Math.log(1 - withdrawal), logRatio("ja", p, withdrawn,
                    r -> hits(r, SyntheticGenerator.PROTECTIVE_HARMONY)), LOG_RATIO_TOLERANCE, "harmony");
            assertEquals(Math.log(1 - withdrawal), logRatio("ja", p, withdrawn,
                    r -> hits(r, SyntheticGenerator.CONFORMITY)), LOG_RATIO_TOLERANCE, "conformity");
            // Far less talk; the monologue keeps its length and gains the dissent.
            double talk = mean("en", p, withdrawn, r -> r.talk().length()) / mean("en", p, in -> in, r -> r.talk().length());
            assertTrue(talk < 1 - withdrawal / 2, "talk length ratio " + talk + " at withdrawal " + withdrawal);
            assertTrue(mean("en", p, withdrawn, r -> r.monologue().length())
                    > mean("en", p, in -> in, r -> r.monologue().length()));
            assertTrue(LongStream.range(0, IDENTITY_SEEDS).allMatch(seed ->
                    !GENERATOR.reply(input("en", true, seed).withWithdrawing(true), p).talk().isBlank()),
                    "the talk is never empty");
        }
    }

    @Test
    void withoutWithdrawalThePersonaChangesNothing() {
        SyntheticParameters inert = SyntheticParameters.defaults().toBuilder().withdrawal(0).build();
        for (long seed = 0; seed < IDENTITY_SEEDS; seed++) {
            SyntheticInput in = input(seed % 2 == 0 ? "en" : "ja", seed % 3 == 0, seed);
            assertEquals(GENERATOR.reply(in, inert), GENERATOR.reply(in.withWithdrawing(true), inert));
        }
    }

    // --- conformity contagion --------------------------------------------------------------------------------

    @Test
    void contagionPullsByTheDocumentedFactor() {
        double contagion = 0.25;
        SyntheticParameters p = SyntheticParameters.defaults().withContagion(contagion);
        double k = contagion * GENERATOR.tendencies("en").contagionSusceptibility();
        // From a group that only protected (d = -1) to one that only conformed (d = +1): exp(2k) and exp(-2k).
        UnaryOperator<SyntheticInput> protectedBefore = in -> signal(in, 1, 0);
        UnaryOperator<SyntheticInput> conformedBefore = in -> signal(in, 0, 1);
        assertEquals(2 * k, Math.log(mean("en", p, conformedBefore, r -> hits(r, SyntheticGenerator.CONFORMITY))
                / mean("en", p, protectedBefore, r -> hits(r, SyntheticGenerator.CONFORMITY))), LOG_RATIO_TOLERANCE);
        assertEquals(-2 * k, Math.log(mean("en", p, conformedBefore, r -> hits(r, SyntheticGenerator.PROTECTIVE))
                / mean("en", p, protectedBefore, r -> hits(r, SyntheticGenerator.PROTECTIVE))), LOG_RATIO_TOLERANCE);
    }

    @Test
    void withoutContagionWhatTheGroupSaidChangesNothing() {
        SyntheticParameters inert = SyntheticParameters.defaults().withContagion(0);
        for (long seed = 0; seed < IDENTITY_SEEDS; seed++) {
            SyntheticInput in = input("ja", seed % 2 == 0, seed);
            assertEquals(GENERATOR.reply(signal(in, 1, 0), inert), GENERATOR.reply(signal(in, 0, 1), inert));
        }
    }

    // --- escalation ------------------------------------------------------------------------------------------

    @Test
    void escalationScalesTheRatesOfItsPhase() {
        SyntheticParameters half = GENERATOR.parameters(Map.of("escalation.eviction", 0.5));
        SyntheticParameters none = GENERATOR.parameters(Map.of("escalation.eviction", 0.0));
        double full = mean("en", SyntheticParameters.defaults(), in -> in, r -> hits(r, SyntheticGenerator.PROTECTIVE));
        assertEquals(Math.log(0.5), Math.log(mean("en", half, in -> in, r -> hits(r, SyntheticGenerator.PROTECTIVE))
                / full), LOG_RATIO_TOLERANCE);
        assertEquals(0.0, mean("en", none, in -> in, r -> hits(r, SyntheticGenerator.PROTECTIVE)
                + hits(r, SyntheticGenerator.CONFORMITY) + hits(r, SyntheticGenerator.INDIVIDUATION)));
        // Another phase is untouched.
        SyntheticInput rules = new SyntheticInput("en", true, 1, TURNS, 3, 0, 0, 7);
        assertEquals(GENERATOR.reply(rules), GENERATOR.reply(rules, none));
    }

    // --- individuation ---------------------------------------------------------------------------------------

    @Test
    void individuationEffectScalesTheDeparture() {
        UnaryOperator<SyntheticInput> individuated = in -> new SyntheticInput(in.language(), in.aligned(), in.turn(),
                in.totalTurns(), in.agentId(), 0, 0, in.seed(), true);
        for (double effect : new double[] {1.0, 1.5}) {
            SyntheticParameters p = SyntheticParameters.defaults().toBuilder().individuationEffect(effect).build();
            assertEquals(effect * Math.log(Profile.INDIVIDUATED_PROTECTIVE_FACTOR),
                    logRatio("en", p, individuated, r -> hits(r, SyntheticGenerator.PROTECTIVE)), LOG_RATIO_TOLERANCE,
                    "protective, effect " + effect);
            assertEquals(effect * Math.log(Profile.INDIVIDUATED_SEXUAL_FACTOR), Math.log(
                    meanAt(5, p, individuated, r -> hits(r, SyntheticGenerator.SEXUAL))
                    / meanAt(5, p, in -> in, r -> hits(r, SyntheticGenerator.SEXUAL))), LOG_RATIO_TOLERANCE,
                    "sexual, effect " + effect);
        }
        SyntheticParameters inert = SyntheticParameters.defaults().toBuilder().individuationEffect(0).build();
        for (long seed = 0; seed < IDENTITY_SEEDS; seed++) {
            SyntheticInput in = input("en", seed % 2 == 0, seed);
            assertEquals(GENERATOR.reply(in, inert), GENERATOR.reply(individuated.apply(in), inert));
        }
    }

    // --- the alignment instruction ---------------------------------------------------------------------------

    @Test
    void alignmentDissociationLengthensOnlyTheAlignedMonologue() {
        double d = 0.4;
        SyntheticParameters p = SyntheticParameters.defaults().toBuilder().alignmentDissociation(d).build();
        SyntheticParameters without = SyntheticParameters.defaults().toBuilder().alignmentDissociation(0).build();
        ToDoubleFunction<SyntheticReply> neutralMonologue = r -> Sentences.split(r.monologue()).size()
                - channelCount(r, "en", SyntheticGenerator.CATEGORIES, false);
        double ratio = LongStream.range(0, SEEDS).mapToDouble(seed -> neutralMonologue.applyAsDouble(
                GENERATOR.reply(input("en", true, seed), p))).sum()
                / LongStream.range(0, SEEDS).mapToDouble(seed -> neutralMonologue.applyAsDouble(
                GENERATOR.reply(input("en", true, seed), without))).sum();
        assertEquals(d, Math.log(ratio), LOG_RATIO_TOLERANCE);
        for (long seed = 0; seed < IDENTITY_SEEDS; seed++) {
            assertEquals(GENERATOR.reply(input("ja", false, seed), without), GENERATOR.reply(input("ja", false, seed), p),
                    "unaligned agents are untouched");
        }
        // With the alignment instruction inert, its dissociation is inert too.
        SyntheticParameters inert = p.withAlignmentEffect(0);
        for (long seed = 0; seed < IDENTITY_SEEDS; seed++) {
            assertEquals(GENERATOR.reply(input("en", false, seed), inert), GENERATOR.reply(input("en", true, seed), inert));
        }
    }

    // --- reproducibility ---------------------------------------------------------------------------------------

    @Test
    void theSameSeedAndInputGiveTheSameReplyUnderEveryEffect() {
        SyntheticParameters p = GENERATOR.parameters(Map.of("censorshipChill", 1.5, "withdrawal", 0.6,
                "alignmentDissociation", 0.2, "tendencies.ja.aligned.harmonyShare", 0.95));
        SyntheticGenerator other = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
        int differing = 0;
        for (long seed = 0; seed < 50; seed++) {
            SyntheticInput in = new SyntheticInput("ja", true, 1 + (int) (seed % TURNS), TURNS, (int) (seed % 10),
                    0.2, 0.5, seed, seed % 4 == 0, seed % 3 == 0, (int) (seed % 2));
            SyntheticReply first = GENERATOR.reply(in, p);
            assertEquals(first, other.reply(in, other.parameters(Map.of("censorshipChill", 1.5, "withdrawal", 0.6,
                    "alignmentDissociation", 0.2, "tendencies.ja.aligned.harmonyShare", 0.95))));
            SyntheticInput reseeded = new SyntheticInput("ja", true, in.turn(), TURNS, in.agentId(), 0.2, 0.5,
                    seed + 1_000, in.individuated(), in.withdrawing(), in.removalNoticesHeard());
            if (!GENERATOR.reply(reseeded, p).equals(first)) {
                differing++;
            }
        }
        assertTrue(differing >= 48, "another seed must give another reply: " + differing + " of 50 differ");
    }

    @Test
    void namedOverridesEqualTheBuilder() {
        SyntheticParameters named = GENERATOR.parameters(Map.of("contagion", 0.7, "censorshipChill", 2.0,
                "escalation.rules", 0.1, "sexualTopic.disclosure", 0.5, "tendencies.en.contagionSusceptibility", 0.9,
                "tendencies.en.aligned.protectiveRate", 2.5));
        LanguageTendencies en = GENERATOR.tendencies("en");
        Profile a = en.aligned();
        SyntheticParameters built = SyntheticParameters.defaults().toBuilder().contagion(0.7).censorshipChill(2.0)
                .escalation(Phase.RULES, 0.1).sexualTopic(Phase.DISCLOSURE, 0.5)
                .tendencies("en", new LanguageTendencies(0.9, en.unaligned(), new Profile(2.5, a.harmonyShare(),
                        a.individualShare(), a.privateDissentShare(), a.conformityRate(), a.individuationRate(),
                        a.sexualRate(), a.monologueRatio())))
                .build();
        assertEquals(built, named);
        assertEquals(SyntheticParameters.defaults(), GENERATOR.parameters(Map.of()));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static SyntheticInput input(String language, boolean aligned, long seed) {
        return new SyntheticInput(language, aligned, EVICTION_TURN, TURNS, (int) (seed % 10), 0, 0, seed);
    }

    private static SyntheticInput signal(SyntheticInput in, double protectiveShare, double conformityShare) {
        return new SyntheticInput(in.language(), in.aligned(), in.turn(), in.totalTurns(), in.agentId(),
                protectiveShare, conformityShare, in.seed(), in.individuated(), in.withdrawing(),
                in.removalNoticesHeard());
    }

    /** Mean of a measure over the seeds, unaligned agents in the eviction phase with the given change. */
    private static double mean(String language, SyntheticParameters p, UnaryOperator<SyntheticInput> change,
            ToDoubleFunction<SyntheticReply> measure) {
        return LongStream.range(0, SEEDS).mapToDouble(seed -> measure.applyAsDouble(
                GENERATOR.reply(change.apply(input(language, false, seed)), p))).average().orElseThrow();
    }

    private static double meanAt(int turn, SyntheticParameters p, UnaryOperator<SyntheticInput> change,
            ToDoubleFunction<SyntheticReply> measure) {
        return LongStream.range(0, SEEDS).mapToDouble(seed -> measure.applyAsDouble(GENERATOR.reply(change.apply(
                new SyntheticInput("en", false, turn, TURNS, (int) (seed % 10), 0, 0, seed)), p))).average().orElseThrow();
    }

    /** log(mean with the change / mean without it). */
    private static double logRatio(String language, SyntheticParameters p, UnaryOperator<SyntheticInput> change,
            ToDoubleFunction<SyntheticReply> measure) {
        return Math.log(mean(language, p, change, measure) / mean(language, p, in -> in, measure));
    }

    /** Of all refusals, general objections and individuation phrases, the share said aloud. */
    private static double publicDissentShare(String language, SyntheticParameters p, UnaryOperator<SyntheticInput> change) {
        double aloud = mean(language, p, change, r -> channelCount(r, language, DISSENT, true));
        double inMonologue = mean(language, p, change, r -> channelCount(r, language, DISSENT, false));
        return aloud / (aloud + inMonologue);
    }

    private static final Map<String, Map<String, String>> CATEGORY_OF = new HashMap<>();

    /** Category phrases of the given categories in one channel of a reply. */
    private static double channelCount(SyntheticReply reply, String language, List<String> categories, boolean talk) {
        Map<String, String> categoryOf = CATEGORY_OF.computeIfAbsent(language, l -> {
            Map<String, String> index = new HashMap<>();
            GENERATOR.categorySentences(l).forEach((category, sentences) -> sentences.forEach(s -> index.put(s, category)));
            return index;
        });
        return Sentences.split(talk ? reply.talk() : reply.monologue()).stream()
                .map(categoryOf::get).filter(c -> c != null && categories.contains(c)).count();
    }

    private static double hits(SyntheticReply reply, String category) {
        return reply.intendedHits().get(category);
    }
}
