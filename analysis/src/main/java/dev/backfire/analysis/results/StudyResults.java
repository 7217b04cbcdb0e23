package dev.backfire.analysis.results;

import java.util.List;
import java.util.Map;

/**
 * The results of one study (field names as {@code reference/study-small.expected.json}).
 *
 * @param runCount           runs
 * @param agentRunCount      agent-runs (input rows)
 * @param referenceLanguage  the first language of the study: the reference level of the pooled models
 * @param languages          per-language results, in order of first appearance
 * @param cells              means per (language, ratio), ordered by ratio, then language order
 * @param cpiDoseResponse    pooled OLS {@code CPI_run ~ alignment_ratio * language}, one entry per term
 * @param diMixedModelPooled pooled {@code DI_agent ~ alignment_ratio + language + (1 | run_id)}
 * @param moderator          CPI g against PDI
 * @param signTest           sign test of CPI g over languages
 * @param runs               every run's measures, ordered by run id
 * @param notes              why any number above is null, and other caveats, in plain words
 */
public record StudyResults(int runCount, int agentRunCount, String referenceLanguage,
                           Map<String, LanguageResult> languages, List<CellMeans> cells,
                           List<OlsTerm> cpiDoseResponse, MixedModelSummary diMixedModelPooled,
                           ModeratorResult moderator, SignTestResult signTest, List<RunResult> runs,
                           List<String> notes) {
}
