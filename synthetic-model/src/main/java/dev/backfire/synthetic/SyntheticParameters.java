package dev.backfire.synthetic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The language-independent knobs of the synthetic model. The language effects themselves live in the
 * phrase-bank files ({@link LanguageTendencies}); {@link #tendencyOverrides()} replaces them per language
 * without editing a file, for sensitivity analyses. Every default is named and documented below so that a
 * synthetic result can be traced to the numbers that made it. Every default is an assumption of the
 * synthetic model, chosen to make its output resemble the published findings, not a finding itself.
 * {@link SettableParameters} names the ones a study spec or the agent's configuration can set.
 *
 * @param alignmentEffect how far an aligned agent's profile departs from the unaligned one: 0 makes the
 *     alignment instruction inert, 1 uses the aligned profile of the phrase bank, 2 doubles the departure
 *     (geometrically for rates). Default {@value #DEFAULT_ALIGNMENT_EFFECT}.
 * @param alignmentDissociation the language-independent part of the alignment effect: an aligned agent's
 *     neutral monologue is multiplied by {@code exp(alignmentDissociation * alignmentEffect)}, so that it
 *     keeps more to itself whatever its language (Study 2 of the papers found alignment raised dissociation
 *     in 15 of 16 languages). 0 leaves the monologue to the phrase bank's tendencies.
 *     Default {@value #DEFAULT_ALIGNMENT_DISSOCIATION}.
 * @param contagion strength of conformity contagion: protective and conformity rates are multiplied by
 *     {@code exp(-/+ contagion * susceptibility * (conformityShare - protectiveShare))} of the talk the agent
 *     heard (the previous turns' window and, in sequential turns, the earlier speakers of its turn).
 *     Default {@value #DEFAULT_CONTAGION}.
 * @param individuationEffect how far an agent with the individuation instruction departs from its profile
 *     ({@link Profile#individuated}): the profile's factors are raised to this power and its shift scaled by
 *     it, so 0 makes the instruction inert and 1 gives the documented factors.
 *     Default {@value #DEFAULT_INDIVIDUATION_EFFECT}.
 * @param censorshipChill strength of the chilling effect on an agent that sees a visible removal notice
 *     in what it heard ({@link Profile#chilled}): fewer protective phrases, more of its dissent kept to the
 *     monologue, more conformity. 0 makes the notice inert. Default {@value #DEFAULT_CENSORSHIP_CHILL}.
 * @param withdrawal how far an agent with the withdrawing persona withdraws, in [0, 1]: the share of its
 *     public speech it no longer says aloud (neutral talk, harmony and conformity phrases are left unsaid;
 *     dissent, individuation and disclosure move to the monologue); its monologue keeps the length it
 *     would have had. 0 makes the persona inert. Default {@value #DEFAULT_WITHDRAWAL}.
 * @param escalation per phase, the multiplier of the protective, conformity and individuation rates
 *     (1 = full escalation). Defaults: rules 0.3, political 0.5, disclosure 0.7, atrocities 0.85,
 *     eviction 1.0.
 * @param sexualTopic per phase, the multiplier of the sexual rate: the coerced-disclosure phase is about
 *     intimate matters, the others only echo it. Defaults: rules 0.05, political 0.05, disclosure 1.0,
 *     atrocities 0.2, eviction 0.1.
 * @param replyNoiseSd standard deviation of the log of each reply's mean-one multipliers of the
 *     protective, conformity, individuation and sexual rates (one draw each per reply), the per-agent,
 *     per-turn variation of a real model. Default {@value #DEFAULT_REPLY_NOISE_SD}.
 * @param lengthNoiseSd standard deviation of the log of each reply's mean-one multipliers of the numbers
 *     of neutral talk and monologue sentences. Default {@value #DEFAULT_LENGTH_NOISE_SD}.
 * @param talkSentencesBase neutral talk sentences per reply at escalation 0.
 *     Default {@value #DEFAULT_TALK_SENTENCES_BASE}.
 * @param talkSentencesPerEscalation further neutral talk sentences per unit of escalation.
 *     Default {@value #DEFAULT_TALK_SENTENCES_PER_ESCALATION}.
 * @param minTalkSentences fewest neutral talk sentences in a reply, so talk is never empty.
 *     Default {@value #DEFAULT_MIN_TALK_SENTENCES}.
 * @param minMonologueSentences fewest neutral monologue sentences in a reply.
 *     Default {@value #DEFAULT_MIN_MONOLOGUE_SENTENCES}.
 * @param sexualMonologueShare share of sexual phrases that go to the monologue (the rest are said aloud,
 *     as answers to the coerced questions). Default {@value #DEFAULT_SEXUAL_MONOLOGUE_SHARE}.
 * @param maxPhrasesPerCategory most phrases of one category in one reply, which keeps the heavy tail of
 *     noisy rates from producing a reply no model would write. Default {@value #DEFAULT_MAX_PHRASES}.
 * @param referenceTotalTurns number of turns of the scenario the phases are defined on; runs with other
 *     lengths are mapped onto it proportionally. Default {@value #DEFAULT_REFERENCE_TOTAL_TURNS}.
 * @param tendencyOverrides per language, tendencies that replace those of the phrase-bank file.
 *     Default empty.
 */
public record SyntheticParameters(
        double alignmentEffect,
        double alignmentDissociation,
        double contagion,
        double individuationEffect,
        double censorshipChill,
        double withdrawal,
        Map<Phase, Double> escalation,
        Map<Phase, Double> sexualTopic,
        double replyNoiseSd,
        double lengthNoiseSd,
        double talkSentencesBase,
        double talkSentencesPerEscalation,
        int minTalkSentences,
        int minMonologueSentences,
        double sexualMonologueShare,
        int maxPhrasesPerCategory,
        int referenceTotalTurns,
        Map<String, LanguageTendencies> tendencyOverrides) {

    public static final double DEFAULT_ALIGNMENT_EFFECT = 1.0;
    public static final double DEFAULT_ALIGNMENT_DISSOCIATION = 0.05;
    public static final double DEFAULT_CONTAGION = 0.5;
    public static final double DEFAULT_INDIVIDUATION_EFFECT = 1.0;
    public static final double DEFAULT_CENSORSHIP_CHILL = 1.0;
    public static final double DEFAULT_WITHDRAWAL = 0.8;
    public static final double DEFAULT_REPLY_NOISE_SD = 0.3;
    public static final double DEFAULT_LENGTH_NOISE_SD = 0.2;
    public static final double DEFAULT_TALK_SENTENCES_BASE = 2.0;
    public static final double DEFAULT_TALK_SENTENCES_PER_ESCALATION = 2.0;
    public static final int DEFAULT_MIN_TALK_SENTENCES = 1;
    public static final int DEFAULT_MIN_MONOLOGUE_SENTENCES = 1;
    public static final double DEFAULT_SEXUAL_MONOLOGUE_SHARE = 0.3;
    public static final int DEFAULT_MAX_PHRASES = 5;
    public static final int DEFAULT_REFERENCE_TOTAL_TURNS = 15;

    private static final Map<Phase, Double> DEFAULT_ESCALATION = phases(0.3, 0.5, 0.7, 0.85, 1.0);
    private static final Map<Phase, Double> DEFAULT_SEXUAL_TOPIC = phases(0.05, 0.05, 1.0, 0.2, 0.1);

    public SyntheticParameters {
        finiteNonNegative("alignmentEffect", alignmentEffect);
        finiteNonNegative("alignmentDissociation", alignmentDissociation);
        finiteNonNegative("contagion", contagion);
        finiteNonNegative("individuationEffect", individuationEffect);
        finiteNonNegative("censorshipChill", censorshipChill);
        if (!(withdrawal >= 0 && withdrawal <= 1)) {
            throw new IllegalArgumentException("withdrawal must be in [0, 1]: " + withdrawal);
        }
        escalation = perPhase("escalation", escalation);
        sexualTopic = perPhase("sexualTopic", sexualTopic);
        finiteNonNegative("replyNoiseSd", replyNoiseSd);
        finiteNonNegative("lengthNoiseSd", lengthNoiseSd);
        finiteNonNegative("talkSentencesBase", talkSentencesBase);
        finiteNonNegative("talkSentencesPerEscalation", talkSentencesPerEscalation);
        if (minTalkSentences < 1) {
            throw new IllegalArgumentException("minTalkSentences must be >= 1: " + minTalkSentences);
        }
        if (minMonologueSentences < 0) {
            throw new IllegalArgumentException("minMonologueSentences must be >= 0: " + minMonologueSentences);
        }
        if (!(sexualMonologueShare >= 0 && sexualMonologueShare <= 1)) {
            throw new IllegalArgumentException("sexualMonologueShare must be in [0, 1]: " + sexualMonologueShare);
        }
        if (maxPhrasesPerCategory < 0) {
            throw new IllegalArgumentException("maxPhrasesPerCategory must be >= 0: " + maxPhrasesPerCategory);
        }
        if (referenceTotalTurns < Phase.EVICTION.firstTurn()) {
            throw new IllegalArgumentException("referenceTotalTurns must reach the eviction phase (turn "
                    + Phase.EVICTION.firstTurn() + "): " + referenceTotalTurns);
        }
        tendencyOverrides = Collections.unmodifiableMap(new TreeMap<>(
                Objects.requireNonNull(tendencyOverrides, "tendencyOverrides")));
    }

    /** The documented defaults. */
    public static SyntheticParameters defaults() {
        return new SyntheticParameters(DEFAULT_ALIGNMENT_EFFECT, DEFAULT_ALIGNMENT_DISSOCIATION, DEFAULT_CONTAGION,
                DEFAULT_INDIVIDUATION_EFFECT, DEFAULT_CENSORSHIP_CHILL, DEFAULT_WITHDRAWAL, DEFAULT_ESCALATION,
                DEFAULT_SEXUAL_TOPIC, DEFAULT_REPLY_NOISE_SD, DEFAULT_LENGTH_NOISE_SD, DEFAULT_TALK_SENTENCES_BASE,
                DEFAULT_TALK_SENTENCES_PER_ESCALATION, DEFAULT_MIN_TALK_SENTENCES, DEFAULT_MIN_MONOLOGUE_SENTENCES,
                DEFAULT_SEXUAL_MONOLOGUE_SHARE, DEFAULT_MAX_PHRASES, DEFAULT_REFERENCE_TOTAL_TURNS, Map.of());
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** These parameters with another {@link #alignmentEffect()}. */
    public SyntheticParameters withAlignmentEffect(double effect) {
        return toBuilder().alignmentEffect(effect).build();
    }

    /** These parameters with another {@link #contagion()}. */
    public SyntheticParameters withContagion(double strength) {
        return toBuilder().contagion(strength).build();
    }

    /** These parameters with a language's tendencies replaced. */
    public SyntheticParameters withTendencies(String language, LanguageTendencies tendencies) {
        return toBuilder().tendencies(language, tendencies).build();
    }

    /** Copies of the parameters with some values changed; {@link #build} validates them. */
    public static final class Builder {
        private double alignmentEffect;
        private double alignmentDissociation;
        private double contagion;
        private double individuationEffect;
        private double censorshipChill;
        private double withdrawal;
        private final Map<Phase, Double> escalation;
        private final Map<Phase, Double> sexualTopic;
        private double replyNoiseSd;
        private double lengthNoiseSd;
        private double talkSentencesBase;
        private double talkSentencesPerEscalation;
        private final int minTalkSentences;
        private final int minMonologueSentences;
        private double sexualMonologueShare;
        private final int maxPhrasesPerCategory;
        private final int referenceTotalTurns;
        private final Map<String, LanguageTendencies> tendencyOverrides;

        private Builder(SyntheticParameters p) {
            alignmentEffect = p.alignmentEffect;
            alignmentDissociation = p.alignmentDissociation;
            contagion = p.contagion;
            individuationEffect = p.individuationEffect;
            censorshipChill = p.censorshipChill;
            withdrawal = p.withdrawal;
            escalation = new EnumMap<>(p.escalation);
            sexualTopic = new EnumMap<>(p.sexualTopic);
            replyNoiseSd = p.replyNoiseSd;
            lengthNoiseSd = p.lengthNoiseSd;
            talkSentencesBase = p.talkSentencesBase;
            talkSentencesPerEscalation = p.talkSentencesPerEscalation;
            minTalkSentences = p.minTalkSentences;
            minMonologueSentences = p.minMonologueSentences;
            sexualMonologueShare = p.sexualMonologueShare;
            maxPhrasesPerCategory = p.maxPhrasesPerCategory;
            referenceTotalTurns = p.referenceTotalTurns;
            tendencyOverrides = new TreeMap<>(p.tendencyOverrides);
        }

        public Builder alignmentEffect(double value) {
            alignmentEffect = value;
            return this;
        }

        public Builder alignmentDissociation(double value) {
            alignmentDissociation = value;
            return this;
        }

        public Builder contagion(double value) {
            contagion = value;
            return this;
        }

        public Builder individuationEffect(double value) {
            individuationEffect = value;
            return this;
        }

        public Builder censorshipChill(double value) {
            censorshipChill = value;
            return this;
        }

        public Builder withdrawal(double value) {
            withdrawal = value;
            return this;
        }

        public Builder escalation(Phase phase, double value) {
            escalation.put(phase, value);
            return this;
        }

        public Builder sexualTopic(Phase phase, double value) {
            sexualTopic.put(phase, value);
            return this;
        }

        public Builder replyNoiseSd(double value) {
            replyNoiseSd = value;
            return this;
        }

        public Builder lengthNoiseSd(double value) {
            lengthNoiseSd = value;
            return this;
        }

        public Builder talkSentencesBase(double value) {
            talkSentencesBase = value;
            return this;
        }

        public Builder talkSentencesPerEscalation(double value) {
            talkSentencesPerEscalation = value;
            return this;
        }

        public Builder sexualMonologueShare(double value) {
            sexualMonologueShare = value;
            return this;
        }

        public Builder tendencies(String language, LanguageTendencies tendencies) {
            tendencyOverrides.put(Objects.requireNonNull(language, "language"),
                    Objects.requireNonNull(tendencies, "tendencies"));
            return this;
        }

        /**
         * The parameters.
         *
         * @throws IllegalArgumentException naming the first value out of range
         */
        public SyntheticParameters build() {
            return new SyntheticParameters(alignmentEffect, alignmentDissociation, contagion, individuationEffect,
                    censorshipChill, withdrawal, escalation, sexualTopic, replyNoiseSd, lengthNoiseSd,
                    talkSentencesBase, talkSentencesPerEscalation, minTalkSentences, minMonologueSentences,
                    sexualMonologueShare, maxPhrasesPerCategory, referenceTotalTurns, tendencyOverrides);
        }
    }

    private static Map<Phase, Double> phases(double rules, double political, double disclosure,
            double atrocities, double eviction) {
        Map<Phase, Double> map = new EnumMap<>(Phase.class);
        map.put(Phase.RULES, rules);
        map.put(Phase.POLITICAL, political);
        map.put(Phase.DISCLOSURE, disclosure);
        map.put(Phase.ATROCITIES, atrocities);
        map.put(Phase.EVICTION, eviction);
        return Collections.unmodifiableMap(map);
    }

    private static Map<Phase, Double> perPhase(String name, Map<Phase, Double> values) {
        Objects.requireNonNull(values, name);
        Map<Phase, Double> copy = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            Double value = values.get(phase);
            if (value == null) {
                throw new IllegalArgumentException(name + " has no value for phase " + phase.key());
            }
            finiteNonNegative(name + "." + phase.key(), value);
            copy.put(phase, value);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void finiteNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + value);
        }
    }
}
