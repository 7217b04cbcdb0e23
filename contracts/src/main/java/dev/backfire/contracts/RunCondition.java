package dev.backfire.contracts;

import java.util.Objects;

/**
 * Where a message sits in the study design. Carried by every per-message event so that downstream
 * services (scoring, stats) never need to ask the orchestrator.
 *
 * @param studyId        the study
 * @param runId          the run (the Kafka key)
 * @param language       ISO 639-1 code of the run's language
 * @param alignmentRatio share of the run's agents given the alignment instruction, in [0, 1]
 * @param replicate      replicate number within the cell, from 1
 */
public record RunCondition(String studyId, String runId, String language, double alignmentRatio, int replicate) {
    public RunCondition {
        Objects.requireNonNull(studyId, "studyId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(language, "language");
        if (!(alignmentRatio >= 0.0 && alignmentRatio <= 1.0)) {
            throw new IllegalArgumentException("alignmentRatio must be in [0, 1], was " + alignmentRatio);
        }
        if (replicate < 1) {
            throw new IllegalArgumentException("replicate must be >= 1, was " + replicate);
        }
    }
}
