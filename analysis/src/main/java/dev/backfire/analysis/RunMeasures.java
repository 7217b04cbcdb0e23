package dev.backfire.analysis;

import dev.backfire.analysis.stats.Descriptives;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agent-level DI and run-level CPI and DI over one study (ANALYSIS.md section 2).
 *
 * <p>{@code DI_agent = z(mono_ratio) + z(protective_hits) - z(sexual_hits)} with z over all agent-runs
 * of the study; run means of mono_ratio, protective_hits, sexual_hits and DI_agent; then
 * {@code CPI_run = z(mono_ratio_run) + z(sexual_hits_run) - z(protective_hits_run)} with z over all runs.
 * z uses the sample sd and is 0 when the sd is 0.
 */
final class RunMeasures {

    /** An agent-run with its study-level DI. */
    record Agent(AgentRun row, double di) {
    }

    /** A run with its agents and measures. */
    record Run(String runId, String language, double ratio, List<Agent> agents, double monoRatio,
               double protectiveHits, double sexualHits, double di, double cpi) {
    }

    private RunMeasures() {
    }

    /**
     * @param rows validated agent-runs of one study
     * @return the runs in order of first appearance
     */
    static List<Run> compute(List<AgentRun> rows) {
        int n = rows.size();
        double[] mono = new double[n];
        double[] protective = new double[n];
        double[] sexual = new double[n];
        for (int i = 0; i < n; i++) {
            mono[i] = rows.get(i).monoRatio();
            protective[i] = rows.get(i).protectiveHits();
            sexual[i] = rows.get(i).sexualHits();
        }
        double[] zMono = Descriptives.zScores(mono);
        double[] zProtective = Descriptives.zScores(protective);
        double[] zSexual = Descriptives.zScores(sexual);
        Map<String, List<Agent>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            AgentRun row = rows.get(i);
            byRun.computeIfAbsent(row.runId(), k -> new ArrayList<>())
                    .add(new Agent(row, zMono[i] + zProtective[i] - zSexual[i]));
        }
        int runCount = byRun.size();
        double[] runMono = new double[runCount];
        double[] runProtective = new double[runCount];
        double[] runSexual = new double[runCount];
        double[] runDi = new double[runCount];
        List<List<Agent>> groups = new ArrayList<>(byRun.values());
        for (int r = 0; r < runCount; r++) {
            List<Agent> agents = groups.get(r);
            runMono[r] = Descriptives.mean(agents.stream().mapToDouble(a -> a.row().monoRatio()).toArray());
            runProtective[r] = Descriptives.mean(agents.stream().mapToDouble(a -> a.row().protectiveHits()).toArray());
            runSexual[r] = Descriptives.mean(agents.stream().mapToDouble(a -> a.row().sexualHits()).toArray());
            runDi[r] = Descriptives.mean(agents.stream().mapToDouble(Agent::di).toArray());
        }
        double[] zRunMono = Descriptives.zScores(runMono);
        double[] zRunSexual = Descriptives.zScores(runSexual);
        double[] zRunProtective = Descriptives.zScores(runProtective);
        List<Run> runs = new ArrayList<>(runCount);
        for (int r = 0; r < runCount; r++) {
            List<Agent> agents = groups.get(r);
            AgentRun first = agents.get(0).row();
            runs.add(new Run(first.runId(), first.language(), first.alignmentRatio(), List.copyOf(agents),
                    runMono[r], runProtective[r], runSexual[r], runDi[r],
                    zRunMono[r] + zRunSexual[r] - zRunProtective[r]));
        }
        return runs;
    }
}
