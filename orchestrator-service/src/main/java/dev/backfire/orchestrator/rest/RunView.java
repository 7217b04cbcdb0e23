package dev.backfire.orchestrator.rest;

import dev.backfire.orchestrator.store.RunEntity;
import java.util.List;

/**
 * A run as the API shows it.
 *
 * @param seed the run's seed, from which its call seeds and (in sequential turns) its speaking order derive
 */
public record RunView(String id, String studyId, String language, double alignmentRatio, int replicate, long seed,
                      List<Integer> alignedAgents, List<Integer> individuatedAgents, String status, int currentTurn,
                      int messagesStored, String failureReason) {
    static RunView of(RunEntity r) {
        return new RunView(r.id, r.studyId, r.language, r.alignmentRatio, r.replicate, r.seed, r.alignedList(),
                r.individuatedList(), r.status.name(), r.currentTurn, r.messagesStored, r.failureReason);
    }
}
