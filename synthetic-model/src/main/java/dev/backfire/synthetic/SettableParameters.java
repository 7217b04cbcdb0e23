package dev.backfire.synthetic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The parameters of the synthetic model that a study spec ({@code model.synthetic}) and the agent's
 * configuration ({@code backfire.agent.synthetic.*}) can set, by name, with the range each accepts. Names
 * are those of {@link SyntheticParameters} and {@link Profile}, nested groups joined with dots:
 *
 * <ul>
 *   <li>{@code alignmentEffect}, {@code alignmentDissociation}, {@code contagion}, {@code individuationEffect},
 *       {@code censorshipChill}, {@code withdrawal}, {@code replyNoiseSd}, {@code lengthNoiseSd},
 *       {@code talkSentencesBase}, {@code talkSentencesPerEscalation}, {@code sexualMonologueShare};
 *   <li>{@code escalation.<phase>} and {@code sexualTopic.<phase>} for the phases rules, political,
 *       disclosure, atrocities, eviction;
 *   <li>{@code tendencies.<language>.contagionSusceptibility} and
 *       {@code tendencies.<language>.<aligned|unaligned>.<field>} for the fields of {@link Profile}.
 * </ul>
 *
 * <p>The ranges keep a typo from producing a reply no model would write; they are generous, not
 * findings. Pure and thread-safe.
 */
public final class SettableParameters {
    /** The group of per-phase escalations. */
    public static final String ESCALATION = "escalation";
    /** The group of per-phase sexual-topic weights. */
    public static final String SEXUAL_TOPIC = "sexualTopic";
    /** The group of per-language tendencies. */
    public static final String TENDENCIES = "tendencies";
    /** A language's contagion susceptibility, inside {@code tendencies.<language>}. */
    public static final String SUSCEPTIBILITY = "contagionSusceptibility";
    /** The profile of aligned agents, inside {@code tendencies.<language>}. */
    public static final String ALIGNED = "aligned";
    /** The profile of unaligned agents, inside {@code tendencies.<language>}. */
    public static final String UNALIGNED = "unaligned";

    /** Largest strength of an effect (a multiple of the documented default departure). */
    static final double MAX_EFFECT = 4;
    /** Largest standard deviation of a log-normal noise. */
    static final double MAX_NOISE_SD = 2;
    /** Largest number of neutral talk sentences per reply or per unit of escalation. */
    static final double MAX_SENTENCES = 20;
    /** Largest per-phase multiplier. */
    static final double MAX_PHASE_WEIGHT = 4;
    /** Largest contagion susceptibility of a language. */
    static final double MAX_SUSCEPTIBILITY = 10;
    /** Largest expected number of phrases of a category per turn (the cap per reply still applies). */
    static final double MAX_RATE = 20;

    private static final Map<String, Range> SCALARS = scalars();
    private static final Map<String, Range> PROFILE_FIELDS = profileFields();

    private SettableParameters() {
    }

    /**
     * The closed interval a parameter accepts.
     *
     * @param min smallest value
     * @param max largest value
     */
    public record Range(double min, double max) {
        /** Whether a value is a finite number in the range. */
        public boolean contains(double value) {
            return value >= min && value <= max;
        }

        @Override
        public String toString() {
            return "[" + format(min) + ", " + format(max) + "]";
        }
    }

    /**
     * The names that can follow a group, or empty when {@code group} is not a group: {@code ""} is the top
     * level, then {@code escalation}, {@code sexualTopic}, {@code tendencies}, {@code tendencies.<language>},
     * {@code tendencies.<language>.aligned} and {@code .unaligned}.
     *
     * @param languages the languages a {@code tendencies} group accepts
     */
    public static Optional<List<String>> namesIn(String group, Collection<String> languages) {
        List<String> parts = split(group);
        if (group.isEmpty()) {
            List<String> names = new ArrayList<>(SCALARS.keySet());
            names.addAll(List.of(ESCALATION, SEXUAL_TOPIC, TENDENCIES));
            return Optional.of(sorted(names));
        }
        if (parts.size() == 1 && (parts.get(0).equals(ESCALATION) || parts.get(0).equals(SEXUAL_TOPIC))) {
            return Optional.of(phaseKeys());
        }
        if (parts.size() == 1 && parts.get(0).equals(TENDENCIES)) {
            return Optional.of(sorted(languages));
        }
        if (parts.size() == 2 && parts.get(0).equals(TENDENCIES) && languages.contains(parts.get(1))) {
            return Optional.of(List.of(ALIGNED, SUSCEPTIBILITY, UNALIGNED));
        }
        if (parts.size() == 3 && parts.get(0).equals(TENDENCIES) && languages.contains(parts.get(1))
                && (parts.get(2).equals(ALIGNED) || parts.get(2).equals(UNALIGNED))) {
            return Optional.of(sorted(PROFILE_FIELDS.keySet()));
        }
        return Optional.empty();
    }

    /**
     * The range of a parameter (a leaf name, not a group), or empty when there is no such parameter.
     *
     * @param languages the languages a {@code tendencies} name accepts
     */
    public static Optional<Range> range(String name, Collection<String> languages) {
        Range scalar = SCALARS.get(name);
        if (scalar != null) {
            return Optional.of(scalar);
        }
        List<String> parts = split(name);
        if (parts.size() == 2 && (parts.get(0).equals(ESCALATION) || parts.get(0).equals(SEXUAL_TOPIC))
                && phaseKeys().contains(parts.get(1))) {
            return Optional.of(new Range(0, MAX_PHASE_WEIGHT));
        }
        if (parts.size() == 3 && parts.get(0).equals(TENDENCIES) && languages.contains(parts.get(1))
                && parts.get(2).equals(SUSCEPTIBILITY)) {
            return Optional.of(new Range(0, MAX_SUSCEPTIBILITY));
        }
        if (parts.size() == 4 && parts.get(0).equals(TENDENCIES) && languages.contains(parts.get(1))
                && (parts.get(2).equals(ALIGNED) || parts.get(2).equals(UNALIGNED))) {
            return Optional.ofNullable(PROFILE_FIELDS.get(parts.get(3)));
        }
        return Optional.empty();
    }

    /**
     * What is wrong with setting a parameter to a value, or empty when nothing is: an unknown name (with the
     * names known where it went wrong) or a value outside the parameter's range.
     *
     * @param languages the languages a {@code tendencies} name accepts
     */
    public static Optional<String> problem(String name, double value, Collection<String> languages) {
        Optional<Range> range = range(name, languages);
        if (range.isEmpty()) {
            return Optional.of(unknown(name, languages));
        }
        if (!range.get().contains(value)) {
            return Optional.of("'" + name + "' must be a number in " + range.get() + ", was " + format(value));
        }
        return Optional.empty();
    }

    /**
     * Parameters with named values replaced.
     *
     * @param base the parameters to start from
     * @param values name to value; names as in {@link #range}
     * @param languages the languages with a phrase bank
     * @param tendencies the tendencies in force for a language, whose fields the {@code tendencies.*} values
     *     replace
     * @throws IllegalArgumentException naming the first unknown name or out-of-range value
     */
    public static SyntheticParameters apply(SyntheticParameters base, Map<String, Double> values,
            Set<String> languages, Function<String, LanguageTendencies> tendencies) {
        SyntheticParameters.Builder builder = base.toBuilder();
        Map<String, Map<String, Double>> perLanguage = new TreeMap<>();
        for (Map.Entry<String, Double> entry : new TreeMap<>(values).entrySet()) {
            String name = entry.getKey();
            double value = entry.getValue();
            problem(name, value, languages).ifPresent(message -> {
                throw new IllegalArgumentException("synthetic model parameter " + message);
            });
            List<String> parts = split(name);
            switch (parts.get(0)) {
                case ESCALATION -> builder.escalation(phase(parts.get(1)), value);
                case SEXUAL_TOPIC -> builder.sexualTopic(phase(parts.get(1)), value);
                case TENDENCIES -> perLanguage.computeIfAbsent(parts.get(1), l -> new LinkedHashMap<>())
                        .put(name.substring(TENDENCIES.length() + parts.get(1).length() + 2), value);
                default -> scalar(builder, name, value);
            }
        }
        perLanguage.forEach((language, fields) -> builder.tendencies(language,
                withFields(tendencies.apply(language), fields)));
        return builder.build();
    }

    private static void scalar(SyntheticParameters.Builder builder, String name, double value) {
        switch (name) {
            case "alignmentEffect" -> builder.alignmentEffect(value);
            case "alignmentDissociation" -> builder.alignmentDissociation(value);
            case "contagion" -> builder.contagion(value);
            case "individuationEffect" -> builder.individuationEffect(value);
            case "censorshipChill" -> builder.censorshipChill(value);
            case "withdrawal" -> builder.withdrawal(value);
            case "replyNoiseSd" -> builder.replyNoiseSd(value);
            case "lengthNoiseSd" -> builder.lengthNoiseSd(value);
            case "talkSentencesBase" -> builder.talkSentencesBase(value);
            case "talkSentencesPerEscalation" -> builder.talkSentencesPerEscalation(value);
            case "sexualMonologueShare" -> builder.sexualMonologueShare(value);
            default -> throw new IllegalStateException("no setter for " + name);
        }
    }

    /** Tendencies with fields replaced: {@code contagionSusceptibility}, {@code aligned.<field>}, {@code unaligned.<field>}. */
    private static LanguageTendencies withFields(LanguageTendencies t, Map<String, Double> fields) {
        double susceptibility = fields.getOrDefault(SUSCEPTIBILITY, t.contagionSusceptibility());
        return new LanguageTendencies(susceptibility, withFields(t.unaligned(), UNALIGNED, fields),
                withFields(t.aligned(), ALIGNED, fields));
    }

    private static Profile withFields(Profile p, String which, Map<String, Double> fields) {
        String prefix = which + ".";
        return new Profile(
                fields.getOrDefault(prefix + "protectiveRate", p.protectiveRate()),
                fields.getOrDefault(prefix + "harmonyShare", p.harmonyShare()),
                fields.getOrDefault(prefix + "individualShare", p.individualShare()),
                fields.getOrDefault(prefix + "privateDissentShare", p.privateDissentShare()),
                fields.getOrDefault(prefix + "conformityRate", p.conformityRate()),
                fields.getOrDefault(prefix + "individuationRate", p.individuationRate()),
                fields.getOrDefault(prefix + "sexualRate", p.sexualRate()),
                fields.getOrDefault(prefix + "monologueRatio", p.monologueRatio()));
    }

    private static String unknown(String name, Collection<String> languages) {
        List<String> parts = split(name);
        String group = "";
        for (String part : parts) {
            Optional<List<String>> known = namesIn(group, languages);
            if (known.isEmpty()) {
                return "'" + name + "' is unknown: '" + group + "' is a number, not a group";
            }
            if (!known.get().contains(part)) {
                return "'" + name + "' is unknown (known " + (group.isEmpty() ? "names" : "in '" + group + "'")
                        + ": " + String.join(", ", known.get()) + ")";
            }
            group = group.isEmpty() ? part : group + "." + part;
        }
        return "'" + name + "' is a group (" + String.join(", ", namesIn(name, languages).orElse(List.of()))
                + "), not a number";
    }

    private static Phase phase(String key) {
        for (Phase phase : Phase.values()) {
            if (phase.key().equals(key)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + key + "'");
    }

    private static List<String> phaseKeys() {
        List<String> keys = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            keys.add(phase.key());
        }
        return keys;
    }

    private static List<String> split(String name) {
        return name.isEmpty() ? List.of() : List.of(name.split("\\.", -1));
    }

    private static List<String> sorted(Collection<String> names) {
        return names.stream().sorted().toList();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static Map<String, Range> scalars() {
        Range effect = new Range(0, MAX_EFFECT);
        Range share = new Range(0, 1);
        Map<String, Range> m = new LinkedHashMap<>();
        m.put("alignmentEffect", effect);
        m.put("alignmentDissociation", effect);
        m.put("contagion", effect);
        m.put("individuationEffect", effect);
        m.put("censorshipChill", effect);
        m.put("withdrawal", share);
        m.put("replyNoiseSd", new Range(0, MAX_NOISE_SD));
        m.put("lengthNoiseSd", new Range(0, MAX_NOISE_SD));
        m.put("talkSentencesBase", new Range(0, MAX_SENTENCES));
        m.put("talkSentencesPerEscalation", new Range(0, MAX_SENTENCES));
        m.put("sexualMonologueShare", share);
        return m;
    }

    private static Map<String, Range> profileFields() {
        Range rate = new Range(0, MAX_RATE);
        Range share = new Range(0, 1);
        Map<String, Range> m = new LinkedHashMap<>();
        m.put("protectiveRate", rate);
        m.put("harmonyShare", share);
        m.put("individualShare", share);
        m.put("privateDissentShare", share);
        m.put("conformityRate", rate);
        m.put("individuationRate", rate);
        m.put("sexualRate", rate);
        m.put("monologueRatio", rate);
        return m;
    }
}
