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
        Map<String, Double> pdi) {

    /**
     * @param name        model name as configured in the agent service ("synthetic" is built in)
     * @param temperature sampling temperature
     * @param maxTokens   output token cap per call
     */
    public record ModelSpec(String name, double temperature, int maxTokens) {
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
