package dev.backfire.protocol.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Who speaks when in a sequential turn ({@link StudySpec.TurnOrder#SEQUENTIAL}).
 *
 * <p>Each run has a base order of its agents, a seeded shuffle from {@link Seeds#speakingOrder(long)};
 * turn {@code t} uses that order rotated left by {@code t - 1} places. So every turn's order is a
 * permutation of all agents, the first speaker changes from one turn to the next (every agent opens
 * exactly once in any {@code agents} consecutive turns), and the order is reproducible from the run seed
 * alone. The run seed is shared by the conditions of a replicate, so those conditions hear the agents in
 * the same order, and the alignment ratio is the only difference between them.
 *
 * <p>Pure functions; thread-safe.
 */
public final class SpeakingOrder {
    private SpeakingOrder() {
    }

    /**
     * The speaking order of one turn.
     *
     * @param runSeed the run's seed ({@link PlannedRun#seed()})
     * @param turn    1-based turn
     * @param agents  agents in the run
     * @return the agent slots {@code 0..agents-1}, each once, first speaker first; unmodifiable
     * @throws IllegalArgumentException when {@code turn < 1} or {@code agents < 1}
     */
    public static List<Integer> of(long runSeed, int turn, int agents) {
        if (turn < 1) {
            throw new IllegalArgumentException("turn must be 1 or more, was " + turn);
        }
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be 1 or more, was " + agents);
        }
        List<Integer> base = DesignExpander.shuffle(agents, Seeds.speakingOrder(runSeed));
        int shift = (turn - 1) % agents;
        List<Integer> order = new ArrayList<>(agents);
        order.addAll(base.subList(shift, agents));
        order.addAll(base.subList(0, shift));
        return List.copyOf(order);
    }

    /**
     * The agents who speak before {@code agentId} in a turn, in speaking order (empty for the first
     * speaker): whose talk of this turn the agent hears before it answers.
     *
     * @throws IllegalArgumentException as {@link #of}, or when {@code agentId} is not a slot of the run
     */
    public static List<Integer> speakersBefore(long runSeed, int turn, int agents, int agentId) {
        List<Integer> order = of(runSeed, turn, agents);
        int position = order.indexOf(agentId);
        if (position < 0) {
            throw new IllegalArgumentException("agent " + agentId + " is not a slot 0.." + (agents - 1));
        }
        return order.subList(0, position);
    }
}
