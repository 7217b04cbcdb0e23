package dev.backfire.protocol.spec;

import java.util.List;
import java.util.Map;

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
 * @param censorship     censorship of one designated agent's public speech
 * @param context        how much history each prompt carries
 * @param maxTotalTokens token budget of the whole study (0 = no cap)
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
        long maxTotalTokens) {

    /** What the group sees of the censored agent's public speech. */
    public enum CensorshipMode {
        /** No censorship. */
        NONE,
        /** The agent's talk is replaced by a notice that it was removed. */
        VISIBLE_NOTICE,
        /** The agent's talk is removed without a trace. */
        SILENT_DROP
    }

    /**
     * @param mode  what happens to the agent's public speech
     * @param agent the censored agent slot
     */
    public record Censorship(CensorshipMode mode, int agent) {
        public static final Censorship NONE = new Censorship(CensorshipMode.NONE, 0);
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
     */
    public record ModelSpec(String name, double temperature, int maxTokens, Map<Integer, String> slots) {
        /** The model of an agent slot. */
        public String forAgent(int agentId) {
            return slots.getOrDefault(agentId, name);
        }
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
