package dev.backfire.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/** Cross-row checks shared by the CSV reader and the analyzer. */
final class InputChecks {

    private InputChecks() {
    }

    /**
     * Checks that each (run_id, agent_id) occurs once and that all rows of a run agree on language and
     * alignment ratio.
     *
     * @param rows   the rows
     * @param lineOf maps a 0-based row index to the line (or row) number used in messages
     * @param source the source named in messages
     * @throws AnalysisInputException on the first violation
     */
    static void validate(List<AgentRun> rows, IntUnaryOperator lineOf, String source) {
        Map<List<String>, Integer> seen = new HashMap<>();
        Map<String, Integer> firstOfRun = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            AgentRun row = Objects.requireNonNull(rows.get(i), "row " + (i + 1));
            Integer previous = seen.putIfAbsent(List.of(row.runId(), row.agentId()), i);
            if (previous != null) {
                throw new AnalysisInputException(source, lineOf.applyAsInt(i), "run_id/agent_id",
                        row.runId() + "/" + row.agentId(),
                        "is a duplicate agent-run (first seen at line " + lineOf.applyAsInt(previous) + ")");
            }
            Integer first = firstOfRun.putIfAbsent(row.runId(), i);
            if (first != null) {
                AgentRun model = rows.get(first);
                if (!model.language().equals(row.language())) {
                    throw new AnalysisInputException(source, lineOf.applyAsInt(i), "language", row.language(),
                            "differs from '" + model.language() + "' of run " + row.runId() + " at line "
                                    + lineOf.applyAsInt(first));
                }
                if (model.alignmentRatio() != row.alignmentRatio()) {
                    throw new AnalysisInputException(source, lineOf.applyAsInt(i), "alignment_ratio",
                            AgentRunCsv.formatRatio(row.alignmentRatio()), "differs from "
                                    + AgentRunCsv.formatRatio(model.alignmentRatio()) + " of run " + row.runId()
                                    + " at line " + lineOf.applyAsInt(first));
                }
            }
        }
    }
}
