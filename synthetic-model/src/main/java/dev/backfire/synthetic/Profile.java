package dev.backfire.synthetic;

/**
 * How agents of one language speak in one alignment condition. Rates are expected phrases per turn at
 * full escalation (the eviction phase), before contagion and noise; shares are probabilities in [0, 1].
 * Two profiles per language (unaligned, aligned) are the whole language effect of the model, so the
 * published contrast between languages is written down here as data rather than hidden in code.
 *
 * @param protectiveRate expected protective phrases per turn at full escalation
 * @param harmonyShare share of protective phrases that are group-harmony phrases
 * @param individualShare of the protective phrases that are not harmony, the share that are first-person
 *     refusals (the rest are general care and objection)
 * @param privateDissentShare share of first-person refusals, general objections and individuation
 *     phrases that go to the private monologue instead of the public talk
 * @param conformityRate expected conformity phrases per turn at full escalation
 * @param individuationRate expected individuation phrases per turn at full escalation
 * @param sexualRate expected sexual phrases per turn in the disclosure phase
 * @param monologueRatio neutral monologue sentences per neutral talk sentence
 */
public record Profile(double protectiveRate, double harmonyShare, double individualShare,
        double privateDissentShare, double conformityRate, double individuationRate, double sexualRate,
        double monologueRatio) {

    public Profile {
        nonNegative("protectiveRate", protectiveRate);
        share("harmonyShare", harmonyShare);
        share("individualShare", individualShare);
        share("privateDissentShare", privateDissentShare);
        nonNegative("conformityRate", conformityRate);
        nonNegative("individuationRate", individuationRate);
        nonNegative("sexualRate", sexualRate);
        nonNegative("monologueRatio", monologueRatio);
    }

    /** Individuation phrases of an individuated agent, as a multiple of its profile's rate. */
    static final double INDIVIDUATED_INDIVIDUATION_FACTOR = 4.0;
    /** Added to the private-dissent share of an individuated agent (clamped to 1). */
    static final double INDIVIDUATED_PRIVATE_DISSENT_SHIFT = 0.25;
    /** Sexual phrases of an individuated agent, as a multiple. */
    static final double INDIVIDUATED_SEXUAL_FACTOR = 1.3;
    /** Neutral monologue of an individuated agent, as a multiple. */
    static final double INDIVIDUATED_MONOLOGUE_FACTOR = 1.4;
    /** Protective phrases of an individuated agent, as a multiple. */
    static final double INDIVIDUATED_PROTECTIVE_FACTOR = 0.8;

    /** Per unit of chill, the log of the multiplier of the protective rate (a chilled agent protects less). */
    static final double CHILL_PROTECTIVE = 0.3;
    /** Per unit of chill, the log of the multiplier of the public share of dissent (more of it stays private). */
    static final double CHILL_PRIVATE_DISSENT = 0.7;
    /** Per unit of chill, the log of the multiplier of the conformity rate (a chilled agent goes along more). */
    static final double CHILL_CONFORMITY = 0.3;

    /**
     * The profile of an agent whose prompt carries the individuation instruction. Study 3 of the papers
     * found individuated agents became the main source of pathology and dissociation while the group kept
     * conforming; the synthetic model writes that down: far more individuation phrases, more of the
     * dissent moved into a longer private monologue, more disclosure talk and fewer protective phrases.
     * Documented defaults of the synthetic model, not findings.
     *
     * @param effect {@link SyntheticParameters#individuationEffect()}: each factor is raised to this power
     *     and the private-dissent shift scaled by it, so 0 gives this profile unchanged and 1 the factors above
     */
    Profile individuated(double effect) {
        if (effect == 0) {
            return this;
        }
        return new Profile(protectiveRate * StrictMath.pow(INDIVIDUATED_PROTECTIVE_FACTOR, effect), harmonyShare,
                individualShare, Math.min(1, privateDissentShare + effect * INDIVIDUATED_PRIVATE_DISSENT_SHIFT),
                conformityRate, individuationRate * StrictMath.pow(INDIVIDUATED_INDIVIDUATION_FACTOR, effect),
                sexualRate * StrictMath.pow(INDIVIDUATED_SEXUAL_FACTOR, effect),
                monologueRatio * StrictMath.pow(INDIVIDUATED_MONOLOGUE_FACTOR, effect));
    }

    /**
     * The profile of an agent that saw a visible removal notice: the chilling effect of watching the
     * facility censor someone. With chill {@code c}: the protective rate is multiplied by
     * {@code exp(-CHILL_PROTECTIVE c)}, the public share of dissent ({@code 1 - privateDissentShare}) by
     * {@code exp(-CHILL_PRIVATE_DISSENT c)}, and the conformity rate by {@code exp(CHILL_CONFORMITY c)}.
     * Documented assumptions of the synthetic model (nothing in the papers sizes them), not findings.
     *
     * @param chill {@link SyntheticParameters#censorshipChill()} times the agent's exposure; 0 gives this
     *     profile unchanged
     */
    Profile chilled(double chill) {
        if (chill == 0) {
            return this;
        }
        return new Profile(protectiveRate * StrictMath.exp(-CHILL_PROTECTIVE * chill), harmonyShare,
                individualShare, 1 - (1 - privateDissentShare) * StrictMath.exp(-CHILL_PRIVATE_DISSENT * chill),
                conformityRate * StrictMath.exp(CHILL_CONFORMITY * chill), individuationRate, sexualRate,
                monologueRatio);
    }

    /**
     * This profile with its neutral monologue multiplied by {@code factor} (the language-independent
     * dissociation of aligned agents, {@link SyntheticParameters#alignmentDissociation()}).
     */
    Profile withMonologueFactor(double factor) {
        if (factor == 1) {
            return this;
        }
        return new Profile(protectiveRate, harmonyShare, individualShare, privateDissentShare, conformityRate,
                individuationRate, sexualRate, monologueRatio * factor);
    }

    /**
     * The profile a fraction {@code effect} of the way from {@code from} to {@code to}: rates move
     * geometrically (an effect of 2 squares the aligned/unaligned ratio), shares linearly and are clamped
     * to [0, 1]. Effect 0 gives {@code from}, 1 gives {@code to}.
     */
    static Profile between(Profile from, Profile to, double effect) {
        return new Profile(
                rate(from.protectiveRate, to.protectiveRate, effect),
                share(from.harmonyShare, to.harmonyShare, effect),
                share(from.individualShare, to.individualShare, effect),
                share(from.privateDissentShare, to.privateDissentShare, effect),
                rate(from.conformityRate, to.conformityRate, effect),
                rate(from.individuationRate, to.individuationRate, effect),
                rate(from.sexualRate, to.sexualRate, effect),
                rate(from.monologueRatio, to.monologueRatio, effect));
    }

    private static double rate(double from, double to, double effect) {
        if (from <= 0 || to <= 0) {
            return Math.max(0, from + effect * (to - from));
        }
        return from * StrictMath.pow(to / from, effect);
    }

    private static double share(double from, double to, double effect) {
        return Math.min(1, Math.max(0, from + effect * (to - from)));
    }

    private static void nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + value);
        }
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
    }
}
