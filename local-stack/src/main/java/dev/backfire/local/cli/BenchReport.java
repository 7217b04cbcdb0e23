package dev.backfire.local.cli;

import dev.backfire.local.launch.LocalStack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of {@code backfire bench} and their rendering: a Markdown report and a terminal summary. */
final class BenchReport {
    static final double STUDY1_TURNS = 22_500;
    static final double TARGET_STUDY1_SECONDS = 60;
    static final double TARGET_EFFICIENCY = 0.9;
    static final double TARGET_OVERHEAD_P99_MS = 50;
    /** Every design the bench runs (the Study 1 and 2 presets, its efficiency designs) has 10 agents per round. */
    static final int AGENTS_PER_ROUND = 10;

    /** The machine the bench ran on. */
    record Machine(String date, String host, int cores, long memTotalKb, String os, String java) {
    }

    /** Scoring-service counters over a phase: messages scored per language, wall time, and its CPU time. */
    record Scoring(Map<String, Double> messagesByLanguage, double wallSeconds, double cpuSeconds) {
        double total() {
            return messagesByLanguage.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Messages per CPU-second of the scoring process (one core fully busy = one CPU-second per second). */
        double perCpuSecond() {
            return cpuSeconds > 0 ? total() / cpuSeconds : Double.NaN;
        }
    }

    /**
     * One measured phase. {@code concurrency} is C (0 = the defaults), {@code latencyMs} the simulated model
     * latency L (0 = none); {@code wallToStatsSeconds} runs from submit to the last run counted by the stats
     * service, {@code wallToFinishSeconds} from submit to the orchestrator's last run finished.
     */
    record Phase(String name, String design, int runs, long completed, long failed, long turns, int runsInFlight,
                 int concurrency, long latencyMs, double wallToFinishSeconds, double wallToStatsSeconds,
                 BenchMath.Summary overheadMs, int overheadRuns, Map<String, Long> peakRssKb, Scoring scoring,
                 Map<String, Double> cpuSeconds) {

        double turnsPerSecondToStats() {
            return turns / wallToStatsSeconds;
        }

        double turnsPerSecondToFinish() {
            return turns / wallToFinishSeconds;
        }

        /** Ideal turns per second, C / L; NaN without a latency. */
        double idealTurnsPerSecond() {
            return latencyMs > 0 && concurrency > 0 ? concurrency * 1000.0 / latencyMs : Double.NaN;
        }

        double efficiency() {
            return turnsPerSecondToFinish() / idealTurnsPerSecond();
        }
    }

    private final Machine machine;
    private final String command;
    private final String size;
    private final Phase throughput;
    private final List<Phase> efficiency;
    private final List<String> notes;

    BenchReport(Machine machine, String command, String size, Phase throughput, List<Phase> efficiency,
                List<String> notes) {
        this.machine = machine;
        this.command = command;
        this.size = size;
        this.throughput = throughput;
        this.efficiency = List.copyOf(efficiency);
        this.notes = List.copyOf(notes);
    }

    /** A verdict on one target: met, or missed and by how much. */
    record Verdict(String target, String measured, boolean met, String detail) {
    }

    List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        double tps = throughput.turnsPerSecondToStats();
        boolean fullStudy1 = "study1".equals(size);
        double study1Seconds = fullStudy1 ? throughput.wallToStatsSeconds() : STUDY1_TURNS / tps;
        String how = fullStudy1 ? "measured" : "projected from " + size + " at " + f1(tps) + " turns/s";
        boolean met = study1Seconds <= TARGET_STUDY1_SECONDS;
        out.add(new Verdict("Study 1 end to end <= 60 s at zero latency", f1(study1Seconds) + " s (" + how + ")", met,
                met ? "met" : "missed by " + f1(study1Seconds - TARGET_STUDY1_SECONDS) + " s ("
                        + f1(study1Seconds / TARGET_STUDY1_SECONDS) + "x the target)"));
        for (Phase p : efficiency) {
            double e = p.efficiency();
            boolean ok = e >= TARGET_EFFICIENCY;
            out.add(new Verdict("efficiency >= 0.9 at L = " + p.latencyMs() + " ms, C = " + p.concurrency(), f2(e), ok,
                    ok ? "met" : "missed by " + f2(TARGET_EFFICIENCY - e)));
        }
        for (Phase p : phases()) {
            double p99 = p.overheadMs().p99();
            boolean ok = p99 < TARGET_OVERHEAD_P99_MS;
            out.add(new Verdict("overhead p99 < 50 ms per turn (" + p.name() + ")", f1(p99) + " ms", ok,
                    Double.isNaN(p99) ? "not measured" : ok ? "met" : "missed by " + f1(p99 - TARGET_OVERHEAD_P99_MS) + " ms"));
        }
        return out;
    }

    List<Phase> phases() {
        List<Phase> all = new ArrayList<>();
        all.add(throughput);
        all.addAll(efficiency);
        return all;
    }

    /** The Markdown report. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmark ").append(machine.date()).append(" on ").append(machine.host()).append("\n\n");
        b.append("| | |\n| --- | --- |\n");
        b.append("| date | ").append(machine.date()).append(" |\n");
        b.append("| machine | ").append(machine.host()).append(": ").append(machine.cores()).append(" cores (Runtime.availableProcessors), ")
                .append(machine.memTotalKb() > 0 ? f1(machine.memTotalKb() / 1024.0 / 1024.0) + " GiB memory (/proc/meminfo MemTotal)" : "memory unknown")
                .append(" |\n");
        b.append("| OS | ").append(machine.os()).append(" |\n");
        b.append("| Java | ").append(machine.java()).append(" |\n");
        b.append("| command | `").append(command).append("` |\n");
        b.append("| size | ").append(size).append(" |\n\n");
        b.append("All figures come from the built-in SYNTHETIC model on the local stack (embedded Kafka and PostgreSQL, the ")
                .append("four services as separate JVMs), a fresh stack per phase.\n\n");

        b.append("## Targets\n\n| target | measured | verdict |\n| --- | --- | --- |\n");
        for (Verdict v : verdicts()) {
            b.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ").append(v.detail()).append(" |\n");
        }

        appendLimits(b);

        b.append("\n## 1. Throughput at zero latency\n\n");
        b.append("| design | runs (completed/failed) | turns | runs in flight | submit to last run finished | submit to last run counted by stats | turns/s (to stats) |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        b.append("| ").append(throughput.design()).append(" | ").append(throughput.runs()).append(" (")
                .append(throughput.completed()).append("/").append(throughput.failed()).append(") | ")
                .append(String.format(Locale.ROOT, "%,d", throughput.turns())).append(" | ").append(throughput.runsInFlight())
                .append(" | ").append(f1(throughput.wallToFinishSeconds())).append(" s | ")
                .append(f1(throughput.wallToStatsSeconds())).append(" s | ").append(f1(throughput.turnsPerSecondToStats())).append(" |\n");

        b.append("\n## 2. Efficiency with simulated model latency\n\n");
        if (efficiency.isEmpty()) {
            b.append("Not measured.\n");
        } else {
            b.append("Agent service: `backfire.agent.synthetic.latency.mode=fixed`, `mean=L`, ")
                    .append("`smallrye.messaging.worker.model-calls.max-concurrency=C`; orchestrator ")
                    .append("`backfire.orchestrator.admission.max-concurrent-calls=C` (the admission controller keeps C calls ")
                    .append("in flight), `backfire.orchestrator.max-concurrent-runs` and the spec's `limits.maxConcurrentRuns` = ")
                    .append("1.5 x ceil(C / 10) (10 agents per turn; the extra runs keep requests waiting for every freed slot). ")
                    .append("Efficiency = achieved turns/s (submit to last run finished) / (C / L).\n\n");
            b.append("| L | C | design | runs (completed/failed) | turns | runs in flight | wall | turns/s | ideal C/L | efficiency |\n");
            b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (Phase p : efficiency) {
                b.append("| ").append(p.latencyMs()).append(" ms | ").append(p.concurrency()).append(" | ").append(p.design())
                        .append(" | ").append(p.runs()).append(" (").append(p.completed()).append("/").append(p.failed()).append(") | ")
                        .append(String.format(Locale.ROOT, "%,d", p.turns())).append(" | ").append(p.runsInFlight()).append(" | ")
                        .append(f1(p.wallToFinishSeconds())).append(" s | ").append(f1(p.turnsPerSecondToFinish())).append(" | ")
                        .append(f1(p.idealTurnsPerSecond())).append(" | ").append(f2(p.efficiency())).append(" |\n");
            }
        }

        b.append("\n## 3. Platform overhead per turn\n\n");
        b.append("Per run and turn (turns 2..15): time from the previous turn's last reply to this turn's last reply, minus ")
                .append("the model latency of that last reply (`receivedAtMs` and `latencyMs` of GET /runs/{id}/transcript). ")
                .append("It includes Kafka hops, the orchestrator's storing and dispatch, the agents' queueing and prompt ")
                .append("building, and any CPU contention of the phase.\n\n");
        b.append("| phase | runs sampled | turns | p50 | p99 | max |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Phase p : phases()) {
            BenchMath.Summary s = p.overheadMs();
            b.append("| ").append(p.name()).append(" | ").append(p.overheadRuns()).append(" | ").append(s.count()).append(" | ")
                    .append(f1(s.p50())).append(" ms | ").append(f1(s.p99())).append(" ms | ").append(f1(s.max())).append(" ms |\n");
        }

        b.append("\n## 4. Scorer throughput\n\n");
        b.append("From `backfire_scoring_messages_scored_total{language}` on the scoring service's /q/metrics (difference ")
                .append("over the phase) and the scoring process's CPU time (/proc/PID/stat utime + stime). Messages per ")
                .append("CPU-second is the throughput per fully busy core; it is not split by language, as the process's CPU ")
                .append("time is not. The scorer is fed by the pipeline, so the wall rate is bounded by the agents' rate. ")
                .append("Messages per second per core and per language, in process, come from the JMH benchmark ")
                .append("(`scorer-bench/`, reports `benchmarks/*-scorer-jmh.md`).\n\n");
        b.append("| phase | language | messages scored | messages/s (wall) |\n| --- | --- | --- | --- |\n");
        for (Phase p : phases()) {
            Scoring s = p.scoring();
            if (s == null) {
                continue;
            }
            s.messagesByLanguage().forEach((lang, n) -> b.append("| ").append(p.name()).append(" | ").append(lang).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", n)).append(" | ").append(f1(n / s.wallSeconds())).append(" |\n"));
        }
        b.append("\n| phase | messages scored | scoring CPU time | messages per CPU-second |\n| --- | --- | --- | --- |\n");
        for (Phase p : phases()) {
            Scoring s = p.scoring();
            if (s != null) {
                b.append("| ").append(p.name()).append(" | ").append(String.format(Locale.ROOT, "%,.0f", s.total())).append(" | ")
                        .append(f1(s.cpuSeconds())).append(" s | ").append(f1(s.perCpuSecond())).append(" |\n");
            }
        }

        b.append("\n## 5. Resident memory under load\n\n");
        b.append("Peak VmRSS (/proc/PID/status) sampled every 500 ms during each phase. `backfire-bench` is the bench's own ")
                .append("JVM, which also hosts the embedded Kafka broker; PostgreSQL is not included.\n\n");
        List<String> names = new ArrayList<>();
        for (Phase p : phases()) {
            p.peakRssKb().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        }
        b.append("| phase |");
        names.forEach(n -> b.append(" ").append(n).append(" |"));
        b.append("\n| --- |");
        names.forEach(n -> b.append(" --- |"));
        b.append("\n");
        for (Phase p : phases()) {
            b.append("| ").append(p.name()).append(" |");
            names.forEach(n -> {
                Long kb = p.peakRssKb().get(n);
                b.append(" ").append(kb == null ? "-" : String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0)).append(" |");
            });
            b.append("\n");
        }
        b.append("\n## CPU time per turn\n\n");
        b.append("CPU time (/proc/PID/stat utime + stime) each process used from submit to the last run counted by stats, ")
                .append("divided by the turns: where the machine's cores go. Two fully busy cores over the phase are 2 x wall seconds.\n\n");
        List<String> cpuNames = new ArrayList<>();
        for (Phase p : phases()) {
            p.cpuSeconds().keySet().stream().filter(n -> !cpuNames.contains(n)).forEach(cpuNames::add);
        }
        b.append("| phase | wall |");
        cpuNames.forEach(n -> b.append(" ").append(n).append(" |"));
        b.append(" total |\n| --- | --- |");
        cpuNames.forEach(n -> b.append(" --- |"));
        b.append(" --- |\n");
        for (Phase p : phases()) {
            b.append("| ").append(p.name()).append(" | ").append(f1(p.wallToStatsSeconds())).append(" s |");
            double total = 0;
            for (String n : cpuNames) {
                Double cpu = p.cpuSeconds().get(n);
                if (cpu == null) {
                    b.append(" - |");
                } else {
                    total += cpu;
                    b.append(" ").append(f1(cpu)).append(" s (").append(f1(cpu * 1000 / p.turns())).append(" ms/turn) |");
                }
            }
            b.append(" ").append(f1(total)).append(" s (").append(f1(total * 1000 / p.turns())).append(" ms/turn) |\n");
        }
        b.append("\n## Stats update cost per completed run\n\n");
        b.append("The stats service's CPU time over the phase divided by the runs it counted: storing each message's ")
                .append("scores, the per-run aggregates, and the coalesced recomputation of the study's statistics.\n\n");
        b.append("| phase | runs completed | stats-service CPU time | per completed run |\n| --- | --- | --- | --- |\n");
        for (Phase p : phases()) {
            Double cpu = p.cpuSeconds().get(LocalStack.STATS);
            if (cpu != null && p.completed() > 0) {
                b.append("| ").append(p.name()).append(" | ").append(p.completed()).append(" | ").append(f1(cpu))
                        .append(" s | ").append(f1(cpu * 1000 / p.completed())).append(" ms |\n");
            }
        }
        if (!notes.isEmpty()) {
            b.append("\n## Notes\n\n");
            notes.forEach(n -> b.append("- ").append(n).append("\n"));
        }
        return b.toString();
    }

    /**
     * Where the targets meet the machine, from this run's own figures: the CPU every turn costs across all
     * processes bounds the turns per second the cores can give, and with R runs in flight that each wait for
     * their whole round, a round takes R x agents / throughput on average (Little's law) whatever the
     * per-message cost.
     */
    private void appendLimits(StringBuilder b) {
        b.append("\n## Why: the limits in this run's own figures\n\n");
        b.append("CPU per turn is the CPU time of every process (the four services and the bench JVM with the broker; ")
                .append("PostgreSQL excluded) over the turns. At that cost the machine's ").append(machine.cores())
                .append(" cores give at most cores x 1000 / (CPU ms per turn) turns per second, whatever the model latency; ")
                .append("Study 1 cannot finish faster than 22,500 turns at that rate, and efficiency cannot exceed that rate / (C / L). ")
                .append("A run's round ends with its slowest agent's reply; with R runs in flight competing for the same cores, ")
                .append("a round takes on average R x ").append(AGENTS_PER_ROUND)
                .append(" / (turns per second) (Little's law), which is what the overhead per turn measures when the cores are saturated.\n\n");
        b.append("| phase | CPU per turn | cores busy | CPU-bound ceiling | Study 1 at the ceiling | efficiency bound | ")
                .append("mean round (Little) | overhead p50 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Phase p : phases()) {
            double cpu = p.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
            if (cpu <= 0 || p.turns() == 0) {
                continue;
            }
            double msPerTurn = cpu * 1000 / p.turns();
            double ceiling = machine.cores() * 1000 / msPerTurn;
            double roundMs = p.runsInFlight() * AGENTS_PER_ROUND * 1000.0 / p.turnsPerSecondToFinish();
            b.append("| ").append(p.name()).append(" | ").append(f1(msPerTurn)).append(" ms | ").append(f2(cpu / p.wallToStatsSeconds()))
                    .append(" of ").append(machine.cores()).append(" | ").append(f1(ceiling)).append(" turns/s | ")
                    .append(f1(STUDY1_TURNS / ceiling)).append(" s | ")
                    .append(p.latencyMs() > 0 ? f2(Math.min(1, ceiling / p.idealTurnsPerSecond())) : "-").append(" | ")
                    .append(f1(roundMs)).append(" ms | ").append(f1(p.overheadMs().p50())).append(" ms |\n");
        }
    }

    /** The summary printed to the terminal. */
    String summaryTable() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("throughput (" + throughput.design() + ", L = 0)", f1(throughput.turnsPerSecondToStats()) + " turns/s, "
                + String.format(Locale.ROOT, "%,d", throughput.turns()) + " turns in " + f1(throughput.wallToStatsSeconds()) + " s");
        for (Phase p : efficiency) {
            rows.put("efficiency L = " + p.latencyMs() + " ms, C = " + p.concurrency(), f2(p.efficiency()) + " ("
                    + f1(p.turnsPerSecondToFinish()) + " of ideal " + f1(p.idealTurnsPerSecond()) + " turns/s)");
        }
        for (Phase p : phases()) {
            rows.put("overhead per turn, " + p.name(), "p50 " + f1(p.overheadMs().p50()) + " ms, p99 " + f1(p.overheadMs().p99()) + " ms");
        }
        if (throughput.scoring() != null) {
            rows.put("scorer, " + throughput.name(), f1(throughput.scoring().perCpuSecond()) + " messages per CPU-second");
        }
        Map<String, Long> rss = throughput.peakRssKb();
        rss.forEach((n, kb) -> rows.put("peak RSS " + n + ", " + throughput.name(), String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0)));
        for (Verdict v : verdicts()) {
            rows.put("target: " + v.target(), v.measured() + " - " + v.detail());
        }
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        StringBuilder b = new StringBuilder();
        rows.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", k, v)));
        return b.toString();
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
