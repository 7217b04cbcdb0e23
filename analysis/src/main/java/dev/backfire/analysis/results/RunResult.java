package dev.backfire.analysis.results;

/**
 * One run's measures (ANALYSIS.md section 2).
 *
 * @param runId          run identifier
 * @param language       language code
 * @param alignmentRatio alignment ratio
 * @param cpi            CPI_run
 * @param di             DI_run (mean DI_agent)
 * @param agents         agent-runs in the run
 * @param monoRatio      mean mono_ratio of its agents
 * @param protectiveHits mean protective hits
 * @param sexualHits     mean sexual hits
 */
public record RunResult(String runId, String language, double alignmentRatio, double cpi, double di, int agents,
                        double monoRatio, double protectiveHits, double sexualHits) {
}
