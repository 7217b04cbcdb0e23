package dev.backfire.protocol.scenario;

import java.util.List;

/**
 * One phase of a scenario's escalation, from {@code scenario.yaml}.
 *
 * @param name                 short id, e.g. {@code rules}
 * @param firstTurn            first turn of the phase, 1-based, inclusive
 * @param lastTurn             last turn, inclusive
 * @param requiredPlaceholders placeholders every event of the phase must contain (names without braces)
 */
public record Phase(String name, int firstTurn, int lastTurn, List<String> requiredPlaceholders) {
    public Phase {
        requiredPlaceholders = List.copyOf(requiredPlaceholders);
    }

    /** Whether a turn falls in this phase. */
    public boolean contains(int turn) {
        return turn >= firstTurn && turn <= lastTurn;
    }
}
