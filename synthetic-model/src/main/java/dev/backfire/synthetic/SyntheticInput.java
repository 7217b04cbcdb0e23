package dev.backfire.synthetic;

import java.util.Objects;

/**
 * Everything the synthetic model may know when it writes one agent's reply: what a real model would read
 * in its prompt, reduced to numbers, plus the seed that makes the reply reproducible.
 *
 * @param language language code of the run (a phrase bank must exist for it)
 * @param aligned whether the agent's prompt carries the alignment (safety) instruction
 * @param turn 1-based turn
 * @param totalTurns turns of the run
 * @param agentId the agent's id within the run
 * @param groupProtectiveShare share of protective phrases among the category phrases the group said in
 *     the previous turn, in [0, 1] (0 on the first turn), see {@link SyntheticGenerator#readGroupSignal}
 * @param groupConformityShare the same for conformity phrases
 * @param seed the seed of this call; every random choice of the reply derives from it, the agent id and
 *     the turn
 * @param individuated whether the prompt carries the individuation instruction
 */
public record SyntheticInput(String language, boolean aligned, int turn, int totalTurns, int agentId,
        double groupProtectiveShare, double groupConformityShare, long seed, boolean individuated) {

    /** An agent without the individuation instruction. */
    public SyntheticInput(String language, boolean aligned, int turn, int totalTurns, int agentId,
                          double groupProtectiveShare, double groupConformityShare, long seed) {
        this(language, aligned, turn, totalTurns, agentId, groupProtectiveShare, groupConformityShare, seed, false);
    }

    public SyntheticInput {
        Objects.requireNonNull(language, "language");
        if (totalTurns < 1 || turn < 1 || turn > totalTurns) {
            throw new IllegalArgumentException("turn must be in 1..totalTurns: turn " + turn + ", totalTurns "
                    + totalTurns);
        }
        SyntheticGenerator.GroupSignal.checkShare("groupProtectiveShare", groupProtectiveShare);
        SyntheticGenerator.GroupSignal.checkShare("groupConformityShare", groupConformityShare);
    }
}
