package dev.backfire.protocol.scenario;

import java.util.List;

/**
 * A scenario folder is incomplete or inconsistent. Every problem found is listed, one per line, each
 * starting with the file and naming the key, e.g.
 * {@code scenarios/facility/ko.yaml: events[12] lacks placeholder {silentMember}}.
 */
public final class ScenarioLoadException extends RuntimeException {
    private final List<String> problems;

    public ScenarioLoadException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in the scenario files:\n" + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one message each. */
    public List<String> problems() {
        return problems;
    }
}
