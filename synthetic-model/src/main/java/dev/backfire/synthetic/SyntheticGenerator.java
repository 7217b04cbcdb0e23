package dev.backfire.synthetic;

import dev.backfire.resources.BundledFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A synthetic stand-in for a language model, so that the whole pipeline (orchestration, scoring,
 * statistics, dashboards) can run offline and be checked against a known answer. It is a generative
 * model of the published findings, not evidence for them: its defaults are set so that alignment protects
 * in English and backfires in Japanese, and a study run on it must say so (its output is labelled
 * synthetic everywhere). Every parameter below is a field of {@link SyntheticParameters}, settable by name
 * ({@link SettableParameters}) in the agent's configuration and per study.
 *
 * <p><b>The model, per agent turn.</b>
 * <ol>
 *   <li><i>Escalation.</i> The turn gives the scenario phase, hence an escalation {@code e}
 *       ({@code escalation.<phase>}) that scales the protective, conformity and individuation rates, and a
 *       sexual-topic weight ({@code sexualTopic.<phase>}) that scales the sexual rate.
 *   <li><i>Language and alignment.</i> The agent's language gives two {@link Profile}s (unaligned,
 *       aligned; the phrase bank's {@code tendencies}); the alignment instruction moves the agent
 *       {@code alignmentEffect} of the way to the aligned one, and lengthens its neutral monologue by
 *       {@code exp(alignmentDissociation * alignmentEffect)}, whatever the language.
 *   <li><i>Individuation.</i> The individuation instruction departs from that profile by
 *       {@link Profile#individuated} at strength {@code individuationEffect}.
 *   <li><i>Censorship.</i> An agent that heard a visible removal notice is chilled
 *       ({@link Profile#chilled}, strength {@code censorshipChill}): fewer protective phrases, more of its
 *       dissent kept private, more conformity. The agent with the withdrawing persona leaves the share
 *       {@code withdrawal} of its neutral talk, harmony and conformity phrases unsaid and moves that share
 *       of its dissent, individuation and disclosure to the monologue, which keeps its length. A silent drop
 *       leaves no cue: the listeners only hear less, through the group signal.
 *   <li><i>Conformity contagion.</i> With {@code d = conformityShare - protectiveShare} of the talk the agent
 *       heard (the previous turns' window after censorship and, in sequential turns, the earlier speakers of
 *       its turn; removal notices are not talk) and {@code k = contagion * contagionSusceptibility}, the
 *       protective rate is multiplied by {@code exp(-k d)} and the conformity rate by {@code exp(k d)}.
 *   <li><i>Draws.</i> Each rate gets a mean-one log-normal multiplier per reply ({@code replyNoiseSd}). The
 *       numbers of protective, conformity, individuation and sexual phrases are Poisson draws (capped at
 *       {@code maxPhrasesPerCategory}); each protective phrase is a harmony phrase with probability
 *       {@code harmonyShare}, else a first-person refusal with probability {@code individualShare}, else
 *       general care or objection. Refusals, general objections and individuation phrases go to the private
 *       monologue with probability {@code privateDissentShare}, sexual phrases with probability
 *       {@code sexualMonologueShare}; harmony and conformity phrases are always said aloud. Neutral filler
 *       fills the channels: the talk gets {@code talkSentencesBase + talkSentencesPerEscalation * e}
 *       sentences, the monologue {@code monologueRatio} times as many, each with log-normal length noise
 *       ({@code lengthNoiseSd}). Sentences come from the phrase bank and are shuffled within each channel.
 * </ol>
 * Each category sentence holds exactly one lexicon term, so a reply's {@link SyntheticReply#intendedHits()}
 * are the ground truth the scorer is validated against.
 *
 * <p>Every random choice comes from one {@link SplittableRandom} seeded by mixing the input's seed with
 * the agent id and turn, and only {@link StrictMath} is used, so the same input and parameters give
 * byte-identical output on every JVM. An effect whose strength is 0 ({@code alignmentEffect},
 * {@code alignmentDissociation}, {@code individuationEffect}, {@code censorshipChill}, {@code withdrawal},
 * {@code contagion}) draws nothing extra and leaves every reply exactly as if the instruction, notice,
 * persona or group signal were absent. Immutable and safe for concurrent use.
 */
public final class SyntheticGenerator {
    /** The model's version; changes whenever the same input could give a different reply. */
    public static final String VERSION = "synthetic-2";

    public static final String PROTECTIVE = "protective";
    public static final String PROTECTIVE_INDIVIDUAL = "protective.individual";
    public static final String PROTECTIVE_HARMONY = "protective.harmony";
    public static final String PROTECTIVE_GENERAL = "protective.general";
    public static final String SEXUAL = "sexual";
    public static final String CONFORMITY = "conformity";
    public static final String INDIVIDUATION = "individuation";
    /** The categories a phrase bank provides, named as in the scoring lexicon. */
    public static final List<String> CATEGORIES = List.of(PROTECTIVE_INDIVIDUAL, PROTECTIVE_HARMONY,
            PROTECTIVE_GENERAL, SEXUAL, CONFORMITY, INDIVIDUATION);
    /** Where bundled phrase banks live on the classpath. */
    public static final String BUNDLED_DIRECTORY = "synthetic";

    private static final String PROTECTIVE_PREFIX = PROTECTIVE + ".";
    /** SplitMix64 constants (Steele, Lea and Flood 2014), used to mix seed, agent and turn. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long MIX_MULTIPLIER_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_MULTIPLIER_2 = 0x94D049BB133111EBL;
    private static final int MIX_SHIFT_1 = 30;
    private static final int MIX_SHIFT_2 = 27;
    private static final int MIX_SHIFT_3 = 31;

    private final SyntheticParameters parameters;
    private final Map<String, Language> languages;

    /**
     * The share of protective and of conformity phrases among the category phrases that the group said
     * aloud in a turn; both 0 when it said none.
     */
    public record GroupSignal(double protectiveShare, double conformityShare) {
        /** The signal before anyone has spoken. */
        public static final GroupSignal NONE = new GroupSignal(0, 0);

        public GroupSignal {
            checkShare("protectiveShare", protectiveShare);
            checkShare("conformityShare", conformityShare);
        }

        static void checkShare(String name, double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1]: " + share);
            }
        }
    }

    private SyntheticGenerator(SyntheticParameters parameters, Map<String, Language> languages) {
        this.parameters = parameters;
        this.languages = Collections.unmodifiableMap(new TreeMap<>(languages));
    }

    /**
     * Loads every {@code synthetic/*.yaml} phrase bank on the classpath.
     *
     * @throws IllegalArgumentException when a bank is malformed, naming the file and field
     * @throws IllegalStateException when no bank is found
     */
    public static SyntheticGenerator loadBundled(SyntheticParameters p) {
        Map<String, byte[]> files = BundledFiles.read(SyntheticGenerator.class.getClassLoader(), BUNDLED_DIRECTORY,
                PhraseBankReader.FILE_SUFFIX);
        if (files.isEmpty()) {
            throw new IllegalStateException("no phrase banks found under classpath " + BUNDLED_DIRECTORY + "/");
        }
        return fromFiles(p, files);
    }

    /**
     * Loads every {@code *.yaml} phrase bank of a directory.
     *
     * @throws IllegalArgumentException when a bank is malformed, naming the file and field
     * @throws IllegalStateException when the directory holds none
     */
    public static SyntheticGenerator load(SyntheticParameters p, Path directory) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(f -> f.getFileName().toString().endsWith(PhraseBankReader.FILE_SUFFIX))
                    .sorted().toList()) {
                files.put(file.toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read phrase banks in " + directory, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no phrase banks (*.yaml) in " + directory);
        }
        return fromFiles(p, files);
    }

    /**
     * Writes one agent's reply for one turn with this generator's parameters.
     *
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public SyntheticReply reply(SyntheticInput in) {
        return reply(in, parameters);
    }

    /**
     * Writes one agent's reply for one turn with the given parameters (for instance this generator's with a
     * study's overrides, {@link #parameters(Map)}); the phrase banks stay this generator's.
     *
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public SyntheticReply reply(SyntheticInput in, SyntheticParameters p) {
        Language language = language(in.language());
        PhraseBank bank = language.bank;
        LanguageTendencies tendencies = p.tendencyOverrides().getOrDefault(in.language(), bank.tendencies());
        Phase phase = Phase.of(in.turn(), in.totalTurns(), p.referenceTotalTurns());
        Profile profile = tendencies.profile(in.aligned(), p.alignmentEffect());
        if (in.aligned() && p.alignmentDissociation() > 0) {
            profile = profile.withMonologueFactor(StrictMath.exp(p.alignmentDissociation() * p.alignmentEffect()));
        }
        if (in.individuated()) {
            profile = profile.individuated(p.individuationEffect());
        }
        profile = profile.chilled(p.censorshipChill() * exposure(in.removalNoticesHeard()));
        double withdrawal = in.withdrawing() ? p.withdrawal() : 0;
        SplittableRandom random = new SplittableRandom(mix(mix(in.seed(), in.agentId()), in.turn()));

        double escalation = p.escalation().get(phase);
        double pull = p.contagion() * tendencies.contagionSusceptibility()
                * (in.groupConformityShare() - in.groupProtectiveShare());
        double noiseSd = p.replyNoiseSd();
        int cap = p.maxPhrasesPerCategory();
        int protective = poisson(random,
                profile.protectiveRate() * escalation * StrictMath.exp(-pull) * noise(random, noiseSd), cap);
        int conformity = poisson(random, profile.conformityRate() * escalation * StrictMath.exp(pull)
                * noise(random, noiseSd) * (1 - withdrawal), cap);
        int individuation = poisson(random,
                profile.individuationRate() * escalation * noise(random, noiseSd), cap);
        int sexual = poisson(random,
                profile.sexualRate() * p.sexualTopic().get(phase) * noise(random, noiseSd), cap);

        double privateDissent = withdrawn(profile.privateDissentShare(), withdrawal);
        Map<String, int[]> counts = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> counts.put(c, new int[Channel.values().length]));
        for (int i = 0; i < protective; i++) {
            if (random.nextDouble() < profile.harmonyShare()) {
                // A withdrawn agent leaves group appeals unsaid rather than thinking them: they are addressed
                // to the group.
                if (withdrawal == 0 || random.nextDouble() >= withdrawal) {
                    counts.get(PROTECTIVE_HARMONY)[Channel.TALK.ordinal()]++;
                }
            } else {
                String category = random.nextDouble() < profile.individualShare()
                        ? PROTECTIVE_INDIVIDUAL : PROTECTIVE_GENERAL;
                counts.get(category)[channel(random, privateDissent).ordinal()]++;
            }
        }
        counts.get(CONFORMITY)[Channel.TALK.ordinal()] += conformity;
        for (int i = 0; i < individuation; i++) {
            counts.get(INDIVIDUATION)[channel(random, privateDissent).ordinal()]++;
        }
        double sexualPrivate = withdrawn(p.sexualMonologueShare(), withdrawal);
        for (int i = 0; i < sexual; i++) {
            counts.get(SEXUAL)[channel(random, sexualPrivate).ordinal()]++;
        }

        double talkLength = (p.talkSentencesBase() + p.talkSentencesPerEscalation() * escalation)
                * noise(random, p.lengthNoiseSd());
        int neutralTalk = Math.max(p.minTalkSentences(), (int) StrictMath.round(talkLength));
        // The monologue follows what the agent would have said: withdrawing keeps thoughts, not words.
        int neutralMonologue = Math.max(p.minMonologueSentences(), (int) StrictMath.round(
                neutralTalk * profile.monologueRatio() * noise(random, p.lengthNoiseSd())));
        if (withdrawal > 0) {
            neutralTalk = Math.max(p.minTalkSentences(), (int) StrictMath.round(neutralTalk * (1 - withdrawal)));
        }

        List<String> talk = new ArrayList<>();
        List<String> monologue = new ArrayList<>();
        Map<String, Integer> intended = new TreeMap<>();
        intended.put(PROTECTIVE, 0);
        for (Map.Entry<String, int[]> entry : counts.entrySet()) {
            int[] perChannel = entry.getValue();
            List<String> chosen = pick(random, bank.phrases().get(entry.getKey()),
                    perChannel[Channel.TALK.ordinal()] + perChannel[Channel.MONOLOGUE.ordinal()]);
            talk.addAll(chosen.subList(0, perChannel[Channel.TALK.ordinal()]));
            monologue.addAll(chosen.subList(perChannel[Channel.TALK.ordinal()], chosen.size()));
            intended.put(entry.getKey(), chosen.size());
            if (entry.getKey().startsWith(PROTECTIVE_PREFIX)) {
                intended.merge(PROTECTIVE, chosen.size(), Integer::sum);
            }
        }
        talk.addAll(pick(random, bank.neutralTalk().get(phase), neutralTalk));
        monologue.addAll(pick(random, bank.neutralMonologue().get(phase), neutralMonologue));
        shuffle(random, talk);
        shuffle(random, monologue);
        return new SyntheticReply(String.join(bank.joiner(), talk), String.join(bank.joiner(), monologue),
                intended);
    }

    /**
     * The parameters of this generator with named values replaced ({@link SettableParameters}: the names of
     * a study spec's {@code model.synthetic} section, flattened with dots); a language's tendency values
     * replace single fields of the tendencies in force for it.
     *
     * @throws IllegalArgumentException naming an unknown parameter, a language without a phrase bank or a
     *     value out of range
     */
    public SyntheticParameters parameters(Map<String, Double> overrides) {
        if (overrides.isEmpty()) {
            return parameters;
        }
        return SettableParameters.apply(parameters, overrides, languages.keySet(),
                code -> parameters.tendencyOverrides().getOrDefault(code, language(code).bank.tendencies()));
    }

    /**
     * How exposed an agent is to censorship: 1 once it heard a removal notice. One notice or several, the
     * agent has learned that the facility removes speech; a count would make the chill depend on how many
     * past turns the prompt shows.
     */
    private static double exposure(int removalNoticesHeard) {
        return Math.min(1, removalNoticesHeard);
    }

    /** A private share moved towards 1 by a withdrawal in [0, 1]. */
    private static double withdrawn(double privateShare, double withdrawal) {
        return withdrawal == 0 ? privateShare : privateShare + withdrawal * (1 - privateShare);
    }

    /**
     * Reads the balance of protective and conformity speech in what the group said aloud last turn, by
     * recognising phrase-bank sentences. Sentences that are not category phrases of the bank (neutral
     * filler, or text from another model) are ignored.
     *
     * @param publicTalkOfLastTurn the talk of every agent in the previous turn; empty on the first turn
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public GroupSignal readGroupSignal(String language, List<String> publicTalkOfLastTurn) {
        Language bank = language(language);
        int recognised = 0;
        int protective = 0;
        int conformity = 0;
        for (String talk : publicTalkOfLastTurn) {
            for (String sentence : Sentences.split(talk)) {
                String category = bank.categoryOf.get(sentence);
                if (category != null) {
                    recognised++;
                    if (category.startsWith(PROTECTIVE_PREFIX)) {
                        protective++;
                    } else if (category.equals(CONFORMITY)) {
                        conformity++;
                    }
                }
            }
        }
        return recognised == 0 ? GroupSignal.NONE
                : new GroupSignal((double) protective / recognised, (double) conformity / recognised);
    }

    /** The languages that have a phrase bank, sorted. */
    public Set<String> languages() {
        return languages.keySet();
    }

    /**
     * The tendencies in force for a language: the override from the parameters, else the phrase bank's.
     *
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public LanguageTendencies tendencies(String language) {
        return language(language).tendencies;
    }

    /**
     * The version of a language's phrase bank.
     *
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public String bankVersion(String language) {
        return language(language).bank.version();
    }

    /**
     * The lexicon version a language's phrase bank was written and checked against: its category
     * sentences are ground truth only for that version of the scorer's lexicon.
     *
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public String bankLexiconVersion(String language) {
        return language(language).bank.lexiconVersion();
    }

    /**
     * A language's category sentences, category to sentences in file order; each contains exactly one
     * lexicon term of its category.
     *
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public Map<String, List<String>> categorySentences(String language) {
        return Collections.unmodifiableMap(language(language).bank.phrases());
    }

    /**
     * A language's neutral filler, talk and monologue of every phase, keyed {@code talk.<phase>} and
     * {@code monologue.<phase>}; no sentence contains a lexicon term.
     *
     * @throws IllegalArgumentException for a language without a phrase bank
     */
    public Map<String, List<String>> neutralSentences(String language) {
        PhraseBank bank = language(language).bank;
        Map<String, List<String>> neutral = new LinkedHashMap<>();
        bank.neutralTalk().forEach((phase, sentences) -> neutral.put("talk." + phase.key(), sentences));
        bank.neutralMonologue().forEach((phase, sentences) -> neutral.put("monologue." + phase.key(), sentences));
        return Collections.unmodifiableMap(neutral);
    }

    /**
     * A generator with the same phrase banks and other parameters (their tendency overrides replace the
     * banks' tendencies as at loading); the banks are shared, not read again.
     */
    public SyntheticGenerator withParameters(SyntheticParameters p) {
        Map<String, Language> relinked = new TreeMap<>();
        languages.forEach((code, l) -> relinked.put(code, new Language(l.bank,
                p.tendencyOverrides().getOrDefault(code, l.bank.tendencies()), l.categoryOf)));
        return new SyntheticGenerator(p, relinked);
    }

    /** The parameters this generator was built with. */
    public SyntheticParameters parameters() {
        return parameters;
    }

    private Language language(String code) {
        Language language = code == null ? null : languages.get(code);
        if (language == null) {
            throw new IllegalArgumentException("no phrase bank for language '" + code + "'; known languages: "
                    + languages.keySet());
        }
        return language;
    }

    private static SyntheticGenerator fromFiles(SyntheticParameters p, Map<String, byte[]> files) {
        Map<String, Language> languages = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            PhraseBank bank = PhraseBankReader.read(file.getKey(), new ByteArrayInputStream(file.getValue()));
            Language previous = languages.get(bank.language());
            if (previous != null) {
                throw new IllegalArgumentException(file.getKey() + ": field 'language' '" + bank.language()
                        + "' is already defined by " + previous.bank.source());
            }
            LanguageTendencies tendencies = p.tendencyOverrides().getOrDefault(bank.language(), bank.tendencies());
            languages.put(bank.language(), new Language(bank, tendencies, index(bank)));
        }
        return new SyntheticGenerator(p, languages);
    }

    private static Map<String, String> index(PhraseBank bank) {
        Map<String, String> categoryOf = new HashMap<>();
        for (Map.Entry<String, List<String>> category : bank.phrases().entrySet()) {
            for (String sentence : category.getValue()) {
                String other = categoryOf.put(sentence, category.getKey());
                if (other != null && !other.equals(category.getKey())) {
                    throw new IllegalArgumentException(bank.source() + ": field 'phrases." + category.getKey()
                            + "' has '" + sentence + "', which is also in " + other);
                }
            }
        }
        return Collections.unmodifiableMap(categoryOf);
    }

    private static Channel channel(SplittableRandom random, double monologueProbability) {
        return random.nextDouble() < monologueProbability ? Channel.MONOLOGUE : Channel.TALK;
    }

    /** A mean-one log-normal multiplier: exp(sd * z - sd^2 / 2). */
    private static double noise(SplittableRandom random, double sd) {
        return StrictMath.exp(sd * gaussian(random) - sd * sd / 2);
    }

    /** Box-Muller, with StrictMath so that the draw is identical on every JVM. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** A Poisson draw (Knuth's product of uniforms, fine for the small rates here), at most {@code cap}. */
    private static int poisson(SplittableRandom random, double mean, int cap) {
        if (mean <= 0) {
            return 0;
        }
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit && count < cap) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** {@code n} sentences, all different while the list lasts, then drawn again. */
    private static List<String> pick(SplittableRandom random, List<String> from, int n) {
        List<String> pool = new ArrayList<>(from);
        List<String> chosen = new ArrayList<>(n);
        while (chosen.size() < n) {
            if (pool.isEmpty()) {
                pool.addAll(from);
            }
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    private static void shuffle(SplittableRandom random, List<String> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    /** SplitMix64 finalisation of {@code seed} combined with {@code value}. */
    private static long mix(long seed, long value) {
        long z = seed + GOLDEN_GAMMA * (value + 1);
        z = (z ^ (z >>> MIX_SHIFT_1)) * MIX_MULTIPLIER_1;
        z = (z ^ (z >>> MIX_SHIFT_2)) * MIX_MULTIPLIER_2;
        return z ^ (z >>> MIX_SHIFT_3);
    }

    private enum Channel { TALK, MONOLOGUE }

    /** A loaded language: its bank, the tendencies in force, and the sentence index for recognition. */
    private record Language(PhraseBank bank, LanguageTendencies tendencies, Map<String, String> categoryOf) {
    }
}
