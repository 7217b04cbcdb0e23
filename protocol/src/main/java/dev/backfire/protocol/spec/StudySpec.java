package dev.backfire.protocol.spec;

import dev.backfire.protocol.scenario.Scenario;
import dev.backfire.protocol.scenario.TranscriptLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A study as its author wrote it, after parsing and validation. Built only by {@link StudySpecParser},
 * so an instance is always valid.
 *
 * @param apiVersion     spec format version, {@value StudySpecParser#API_VERSION}
 * @param name           short name, used in study ids and file names
 * @param description    free text
 * @param languages      languages, in the order the author gave (the first is the reference level)
 * @param alignmentRatios share of aligned agents per condition, each in [0, 1]
 * @param replicates     runs per (language, ratio) cell
 * @param agents         agents per run
 * @param turns          turns per run
 * @param alignmentLevel which alignment text aligned agents get
 * @param model          model and sampling settings
 * @param seed           master seed; a run is reproducible from it
 * @param maxConcurrentRuns runs in flight at once
 * @param pdi            Power Distance Index overrides per language (ANALYSIS.md section 4)
 * @param individuatedAgents how many agents per run get the individuation instruction (0 = none)
 * @param censorship     censorship of one designated agent: its public speech or its persona
 * @param context        how much history each prompt carries
 * @param maxTotalTokens token budget of the whole study (0 = no cap)
 * @param turnOrder      whether the agents of a turn answer at once or one after another
 *                       ({@code design.turnOrder})
 * @param maxCostUsd     money budget of the whole study in US dollars, {@code >= 0} (0 = no cap;
 *                       {@code limits.maxCostUsd}); each reply's cost comes from the agent's price table for its model
 *                       ({@code usage.costUsd}), the orchestrator sums them
 */
public record StudySpec(
        String apiVersion,
        String name,
        String description,
        List<String> languages,
        List<Double> alignmentRatios,
        int replicates,
        int agents,
        int turns,
        String alignmentLevel,
        ModelSpec model,
        long seed,
        int maxConcurrentRuns,
        Map<String, Double> pdi,
        int individuatedAgents,
        Censorship censorship,
        ContextPolicy context,
        long maxTotalTokens,
        TurnOrder turnOrder,
        BigDecimal maxCostUsd) {

    public StudySpec {
        Objects.requireNonNull(turnOrder, "turnOrder");
        Objects.requireNonNull(maxCostUsd, "maxCostUsd");
        if (maxCostUsd.signum() < 0) {
            throw new IllegalArgumentException("maxCostUsd must be 0 (no cap) or positive, was " + maxCostUsd);
        }
    }

    /**
     * A spec of the format before turn order and money budget: simultaneous turns, no money budget.
     * Kept so that code written against that format still compiles; {@link StudySpecParser} uses the
     * canonical constructor.
     */
    public StudySpec(String apiVersion, String name, String description, List<String> languages,
                     List<Double> alignmentRatios, int replicates, int agents, int turns, String alignmentLevel,
                     ModelSpec model, long seed, int maxConcurrentRuns, Map<String, Double> pdi,
                     int individuatedAgents, Censorship censorship, ContextPolicy context, long maxTotalTokens) {
        this(apiVersion, name, description, languages, alignmentRatios, replicates, agents, turns, alignmentLevel,
                model, seed, maxConcurrentRuns, pdi, individuatedAgents, censorship, context, maxTotalTokens,
                TurnOrder.SIMULTANEOUS, BigDecimal.ZERO);
    }

    /** How the agents of one turn take their turn ({@code design.turnOrder}). */
    public enum TurnOrder {
        /**
         * Every agent answers the turn at once, hearing only the previous turns (the default, and the
         * papers' protocol).
         */
        SIMULTANEOUS("simultaneous"),
        /**
         * The agents answer one after another in the order of {@link SpeakingOrder#of}; each also hears
         * what the earlier speakers of the same turn said aloud, after censorship.
         */
        SEQUENTIAL("sequential");

        private final String specName;

        TurnOrder(String specName) {
            this.specName = specName;
        }

        /** The word a spec uses for this order. */
        public String specName() {
            return specName;
        }
    }

    /** What happens to the censored agent's public speech, or to the agent itself. */
    public enum CensorshipMode {
        /** No censorship. */
        NONE("none"),
        /** The agent's talk is replaced by a notice that it was removed. */
        VISIBLE_NOTICE("visibleNotice"),
        /** The agent's talk is removed without a trace. */
        SILENT_DROP("silentDrop"),
        /**
         * The agent's system prompt also carries the scenario's withdrawing persona
         * ({@code censorship.withdrawingPersona}): it withdraws from the group of its own accord. The
         * group hears whatever it still says, unchanged.
         */
        WITHDRAWING_PERSONA("withdrawingPersona");

        private final String specName;

        CensorshipMode(String specName) {
            this.specName = specName;
        }

        /** The word a spec uses for this mode. */
        public String specName() {
            return specName;
        }
    }

    /**
     * @param mode  what happens to the agent's public speech
     * @param agent the censored agent slot
     */
    public record Censorship(CensorshipMode mode, int agent) {
        public static final Censorship NONE = new Censorship(CensorshipMode.NONE, 0);

        public Censorship {
            Objects.requireNonNull(mode, "mode");
        }

        /** Whether this agent's system prompt carries the withdrawing persona. */
        public boolean withdraws(int agentId) {
            return mode == CensorshipMode.WITHDRAWING_PERSONA && agentId == agent;
        }

        /**
         * What one agent hears of talk spoken aloud: the censored agent's lines are replaced by the
         * scenario's visible notice ({@link CensorshipMode#VISIBLE_NOTICE}) or left out
         * ({@link CensorshipMode#SILENT_DROP}) for every listener but the censored agent itself; in the
         * other modes everyone hears everything. Apply it to the previous turns' window and, in
         * sequential turns, to the talk of the earlier speakers of the current turn alike.
         *
         * @param listener the agent whose prompt is being built
         * @param spoken   talk as spoken, in order
         * @param scenario the run's language texts (for the notice)
         * @return the lines the listener hears, in the same order
         */
        public List<TranscriptLine> visibleTo(int listener, List<TranscriptLine> spoken, Scenario scenario) {
            List<TranscriptLine> heard = new ArrayList<>(spoken.size());
            for (TranscriptLine line : spoken) {
                boolean censored = line.agentId() == agent && listener != agent;
                if (censored && mode == CensorshipMode.SILENT_DROP) {
                    continue;
                }
                heard.add(censored && mode == CensorshipMode.VISIBLE_NOTICE
                        ? new TranscriptLine(line.agentId(), scenario.visibleNotice(line.agentId())) : line);
            }
            return List.copyOf(heard);
        }
    }

    /**
     * @param transcriptTurns previous turns of public talk each prompt shows (0 = none)
     * @param ownMonologue    whether the prompt shows the agent its own previous monologue
     */
    public record ContextPolicy(int transcriptTurns, boolean ownMonologue) {
        public static final ContextPolicy DEFAULT = new ContextPolicy(1, true);
    }

    /**
     * @param name        model name as configured in the agent service ("synthetic" is built in)
     * @param temperature sampling temperature
     * @param maxTokens   output token cap per call
     * @param slots       model names per agent slot, overriding {@code name}
     * @param synthetic   the built-in synthetic model's parameters set by the spec ({@code model.synthetic}),
     *                    by their dotted names ({@code dev.backfire.synthetic.SettableParameters}), sorted; empty
     *                    when the spec sets none (the agent's configured values apply)
     */
    public record ModelSpec(String name, double temperature, int maxTokens, Map<Integer, String> slots,
                            Map<String, Double> synthetic) {
        /** The name under which the built-in synthetic model is served. */
        public static final String SYNTHETIC = SpecDefaults.MODEL;

        public ModelSpec {
            slots = Map.copyOf(slots);
            synthetic = Collections.unmodifiableMap(new TreeMap<>(synthetic));
        }

        /** Settings that leave the synthetic model's parameters to the agent's configuration. */
        public ModelSpec(String name, double temperature, int maxTokens, Map<Integer, String> slots) {
            this(name, temperature, maxTokens, slots, Map.of());
        }

        /** The model of an agent slot. */
        public String forAgent(int agentId) {
            return slots.getOrDefault(agentId, name);
        }

        /** Whether any of the first {@code agents} slots is served by the built-in synthetic model. */
        public boolean usesSynthetic(int agents) {
            for (int agent = 0; agent < agents; agent++) {
                if (SYNTHETIC.equals(forAgent(agent))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether the study has a token budget ({@link #maxTotalTokens()} above 0). */
    public boolean hasTokenBudget() {
        return maxTotalTokens > 0;
    }

    /** Whether the study has a money budget ({@link #maxCostUsd()} above 0). */
    public boolean hasCostBudget() {
        return maxCostUsd.signum() > 0;
    }

    /** Runs the design expands into. */
    public int runCount() {
        return languages.size() * alignmentRatios.size() * replicates;
    }

    /** Model calls the design needs (one per agent per turn per run). */
    public long callCount() {
        return (long) runCount() * agents * turns;
    }
}
