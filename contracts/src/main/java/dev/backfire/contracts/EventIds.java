package dev.backfire.contracts;

/** The one place event ids are built, so that producers and idempotent consumers agree on them. */
public final class EventIds {
    private EventIds() {
    }

    /** A turn request; the attempt number distinguishes a re-issued request from a duplicate. */
    public static String turn(String runId, int turn, int agentId, int attempt) {
        return runId + "/t" + turn + "/a" + agentId + "/r" + attempt;
    }

    /** An agent's reply: one per (run, turn, agent), whatever the attempt. */
    public static String message(String runId, int turn, int agentId) {
        return runId + "/t" + turn + "/a" + agentId;
    }

    /** A score of one message within one scoring set. */
    public static String score(String messageEventId, String scoringSet) {
        return messageEventId + "/" + scoringSet;
    }

    /** A lifecycle event. */
    public static String run(String runId, RunEvent.Type type) {
        return runId + "/" + type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
