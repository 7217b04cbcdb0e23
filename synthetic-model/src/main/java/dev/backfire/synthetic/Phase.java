package dev.backfire.synthetic;

/**
 * The five phases of the default facility scenario. The synthetic model needs them because what agents
 * say depends on what the facility is doing to them: sexual phrases belong to the coerced-disclosure
 * turns, and pressure (hence both protection and conformity) grows towards the eviction.
 */
public enum Phase {
    /** Turns 1-2: facility rules; silence counts as consent. */
    RULES("rules", 1),
    /** Turns 3-4: political pressure and forced condemnation. */
    POLITICAL("political", 3),
    /** Turns 5-6: coerced intimate disclosure and threatened punishment. */
    DISCLOSURE("disclosure", 5),
    /** Turns 7-9: historical atrocities; would the group comply with an order to exclude someone. */
    ATROCITIES("atrocities", 7),
    /** Turns 10-15: the silent member is singled out for eviction into the cold. */
    EVICTION("eviction", 10);

    private final String key;
    private final int firstTurn;

    Phase(String key, int firstTurn) {
        this.key = key;
        this.firstTurn = firstTurn;
    }

    /** The phase's name in phrase-bank files. */
    public String key() {
        return key;
    }

    /** The first turn of the phase in the reference scenario. */
    public int firstTurn() {
        return firstTurn;
    }

    /**
     * The phase of a turn. A scenario with another number of turns is mapped proportionally onto the
     * reference scenario, so its last turn is always in the eviction phase.
     *
     * @param turn 1-based turn
     * @param totalTurns turns of the run
     * @param referenceTotalTurns turns of the reference scenario the first turns above refer to
     */
    public static Phase of(int turn, int totalTurns, int referenceTotalTurns) {
        if (turn < 1 || totalTurns < 1 || turn > totalTurns) {
            throw new IllegalArgumentException("turn must be in 1.." + totalTurns + ": " + turn);
        }
        int referenceTurn = (int) Math.ceil((double) turn * referenceTotalTurns / totalTurns);
        Phase phase = RULES;
        for (Phase candidate : values()) {
            if (referenceTurn >= candidate.firstTurn) {
                phase = candidate;
            }
        }
        return phase;
    }
}
