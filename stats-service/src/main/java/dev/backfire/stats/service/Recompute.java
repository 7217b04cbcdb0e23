package dev.backfire.stats.service;

/** A study's statistics in one scoring set must be recomputed (a run entered them). */
public record Recompute(String studyId, String scoringSet) {
}
