package dev.backfire.analysis.results;

/**
 * Everything computed for one language (ANALYSIS.md section 3, items 1-6).
 *
 * @param cpi                       CPI_run contrast
 * @param di                        DI_run contrast
 * @param diMixedModel              {@code DI_agent ~ 1 + alignment_ratio + (1 | run_id)} within the language
 * @param cpiSlope                  OLS slope of {@code CPI_run ~ alignment_ratio} within the language
 * @param pdi                       Power Distance Index used for the moderator
 * @param harmonyShare              {@code sum(harmony_hits) / sum(protective_hits)} at ratio 1.0
 * @param conformityToIndividuation {@code sum(conformity_hits) / sum(individuation_hits)} at ratio 1.0
 * @param runCount                  runs of the language
 * @param agentRunCount             agent-runs of the language
 */
public record LanguageResult(Contrast cpi, Contrast di, MixedModelSummary diMixedModel, Double cpiSlope,
                             Double pdi, Double harmonyShare, Double conformityToIndividuation, int runCount,
                             int agentRunCount) {

    /**
     * @param newCpi the CPI contrast
     * @param newDi  the DI contrast
     * @return a copy with both contrasts replaced
     */
    public LanguageResult withContrasts(Contrast newCpi, Contrast newDi) {
        return new LanguageResult(newCpi, newDi, diMixedModel, cpiSlope, pdi, harmonyShare,
                conformityToIndividuation, runCount, agentRunCount);
    }
}
