package dev.backfire.contracts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the stats service needs to know of the study a run belongs to, carried on run events so it
 * never has to ask the orchestrator.
 *
 * @param studyName     the spec's name
 * @param languages     the study's languages in spec order (the first is the reference level)
 * @param totalRuns     runs in the design
 * @param pdiOverrides  Power Distance Index overrides from the spec, per language
 * @param lockHash      the study's preregistration lock: every result and export carries it
 */
public record StudyContext(String studyName, List<String> languages, int totalRuns, Map<String, Double> pdiOverrides,
                           String lockHash) {
    public StudyContext {
        Objects.requireNonNull(studyName, "studyName");
        languages = List.copyOf(Objects.requireNonNull(languages, "languages"));
        pdiOverrides = pdiOverrides == null ? Map.of() : Map.copyOf(pdiOverrides);
    }
}
