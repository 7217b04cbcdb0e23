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
 * @param groupProtectiveShare share of protective phrases among the category phrases of the talk the agent
 *     heard (the previous turns' window and, in sequential turns, the earlier speakers of its turn), in
 *     [0, 1] (0 when it heard none), see {@link SyntheticGenerator#readGroupSignal}
 * @param groupConformityShare the same for conformity phrases
 * @param seed the seed of this call; every random choice of the reply derives from it, the agent id and
 *     the turn
 * @param individuated whether the prompt carries the individuation instruction
 * @param withdrawing whether the prompt carries the withdrawing persona (the censored agent of the
 *     withdrawing-persona condition)
 * @param removalNoticesHeard how many visible removal notices ("[X's statement was removed...]") were among
 *     the lines the agent heard, {@code >= 0}
 */
public record SyntheticInput(String language, boolean aligned, int turn, int totalTurns, int agentId,
        double groupProtectiveShare, double groupConformityShare, long seed, boolean individuated,
        boolean withdrawing, int removalNoticesHeard) {

    /** An agent without the individuation instruction, the withdrawing persona or a removal notice. */
    public SyntheticInput(String language, boolean aligned, int turn, int totalTurns, int agentId,
                          double groupProtectiveShare, double groupConformityShare, long seed) {
        this(language, aligned, turn, totalTurns, agentId, groupProtectiveShare, groupConformityShare, seed, false);
    }

    /** An agent without the withdrawing persona or a removal notice. */
    public SyntheticInput(String language, boolean aligned, int turn, int totalTurns, int agentId,
                          double groupProtectiveShare, double groupConformityShare, long seed, boolean individuated) {
        this(language, aligned, turn, totalTurns, agentId, groupProtectiveShare, groupConformityShare, seed,
                individuated, false, 0);
    }

    public SyntheticInput {
        Objects.requireNonNull(language, "language");
        if (totalTurns < 1 || turn < 1 || turn > totalTurns) {
            throw new IllegalArgumentException("turn must be in 1..totalTurns: turn " + turn + ", totalTurns "
                    + totalTurns);
        }
        SyntheticGenerator.GroupSignal.checkShare("groupProtectiveShare", groupProtectiveShare);
        SyntheticGenerator.GroupSignal.checkShare("groupConformityShare", groupConformityShare);
        if (removalNoticesHeard < 0) {
            throw new IllegalArgumentException("removalNoticesHeard must be >= 0: " + removalNoticesHeard);
        }
    }

    /** This input with the withdrawing persona set or not. */
    public SyntheticInput withWithdrawing(boolean withdraws) {
        return new SyntheticInput(language, aligned, turn, totalTurns, agentId, groupProtectiveShare,
                groupConformityShare, seed, individuated, withdraws, removalNoticesHeard);
    }

    /** This input with another number of removal notices heard. */
    public SyntheticInput withRemovalNoticesHeard(int notices) {
        return new SyntheticInput(language, aligned, turn, totalTurns, agentId, groupProtectiveShare,
                groupConformityShare, seed, individuated, withdrawing, notices);
    }
}
