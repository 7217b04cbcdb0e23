package dev.backfire.protocol.spec;

import java.util.List;

/**
 * One run of the design.
 *
 * @param runId          stable id: study id, language, ratio in percent, replicate
 * @param language       language of the run
 * @param alignmentRatio share of aligned agents
 * @param replicate      1-based replicate number
 * @param seed           run seed (shared across the conditions of the same replicate)
 * @param alignedAgents  which agent slots carry the alignment instruction, sorted
 * @param individuatedAgents which agent slots carry the individuation instruction, sorted
 */
public record PlannedRun(String runId, String language, double alignmentRatio, int replicate, long seed,
                         List<Integer> alignedAgents, List<Integer> individuatedAgents) {
    public boolean isAligned(int agentId) {
        return alignedAgents.contains(agentId);
    }
}
