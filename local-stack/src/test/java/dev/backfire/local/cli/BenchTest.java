package dev.backfire.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.protocol.spec.StudySpecParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of {@code backfire bench}: percentiles, turn overheads, parsing, and the report. */
class BenchTest {

    @Test
    void percentilesInterpolateBetweenClosestRanks() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5.5, BenchMath.percentile(v, 50), 1e-9);
        assertEquals(9.91, BenchMath.percentile(v, 99), 1e-9); // numpy.percentile(range(1, 11), 99)
        assertEquals(1, BenchMath.percentile(v, 0), 1e-9);
        assertEquals(10, BenchMath.percentile(v, 100), 1e-9);
        assertEquals(7, BenchMath.percentile(new double[] {7}, 99), 1e-9);
        assertEquals(3, BenchMath.percentile(List.of(5, 1, 3), 50), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> BenchMath.percentile(new double[0], 50));
        assertThrows(IllegalArgumentException.class, () -> BenchMath.percentile(new double[] {2, 1}, 50));
        assertThrows(IllegalArgumentException.class, () -> BenchMath.percentile(v, 101));
    }

    @Test
    void summarizesASample() {
        BenchMath.Summary s = BenchMath.summarize(List.of(10L, 30L, 20L));
        assertEquals(3, s.count());
        assertEquals(20, s.p50(), 1e-9);
        assertEquals(29.8, s.p99(), 1e-9);
        assertEquals(30, s.max(), 1e-9);
        assertTrue(Double.isNaN(BenchMath.summarize(List.of()).p50()));
    }

    @Test
    void turnOverheadIsTheTurnSpanMinusTheLastReplysLatency() throws Exception {
        JsonNode transcript = new ObjectMapper().readTree("""
                {"turns": [
                  {"turn": 1, "messages": [{"receivedAtMs": 1000, "latencyMs": 200}, {"receivedAtMs": 1010, "latencyMs": 205}]},
                  {"turn": 2, "messages": [{"receivedAtMs": 1230, "latencyMs": 200}, {"receivedAtMs": 1225, "latencyMs": 201}]},
                  {"turn": 3, "messages": [{"receivedAtMs": 0, "latencyMs": 200}, {"receivedAtMs": 1500, "latencyMs": 200}]},
                  {"turn": 4, "messages": [{"receivedAtMs": 1800, "latencyMs": 200}]},
                  {"turn": 5, "messages": [{"receivedAtMs": 2010, "latencyMs": 190}]}
                ]}""");
        // turn 2: 1230 - 1010 - 200 = 20; turn 3 lacks a timestamp; turn 4 has no previous; turn 5: 2010 - 1800 - 190 = 20
        assertEquals(List.of(20L, 20L), BenchMath.turnOverheadsMs(transcript));
    }

    @Test
    void parsesProcAndPrometheusText() {
        assertEquals(24_683_520, BenchMath.procFieldKb("MemTotal:       24683520 kB\nMemFree:  1 kB\n", "MemTotal"));
        assertEquals(312_044, BenchMath.procFieldKb("Name:\tjava\nVmPeak:\t 1 kB\nVmRSS:\t  312044 kB\n", "VmRSS"));
        assertEquals(-1, BenchMath.procFieldKb("Name:\tjava\n", "VmRSS"));
        assertEquals(1234 + 56, BenchMath.cpuTicks("4242 (java (x) y) S 1 2 3 4 5 6 7 8 9 10 1234 56 0 0 20 0"));
        String metrics = """
                # HELP backfire_scoring_messages_scored_total Messages scored
                # TYPE backfire_scoring_messages_scored_total counter
                backfire_scoring_messages_scored_total{language="en",service="scoring"} 1350.0
                backfire_scoring_messages_scored_total{service="scoring",language="ja"} 1200.0
                backfire_scoring_messages_scored_total_other{language="ja"} 7.0
                """;
        Map<String, Double> byLanguage = BenchMath.counterByLabel(metrics, "backfire_scoring_messages_scored_total", "language");
        assertEquals(Map.of("en", 1350.0, "ja", 1200.0), byLanguage);
        assertEquals(Map.of("en", 350.0, "ja", 1200.0), BenchMath.delta(Map.of("en", 1000.0), byLanguage));
    }

    @Test
    void sizesEfficiencyDesignsInWholeWavesWithinTheTimeBound() {
        // C = 64: 7 runs in flight; at 320 turns/s, 120 s fit 256 runs -> capped at 4 waves = 28 runs
        assertEquals(28, BenchMath.efficiencyRuns(7, 4, 320, 120, 150, 4));
        // C = 256: 26 in flight; at 60 turns/s only 48 runs fit -> 1 wave of 26, rounded up to 28
        assertEquals(28, BenchMath.efficiencyRuns(26, 4, 60, 120, 150, 4));
        // never fewer than two replicates
        assertEquals(8, BenchMath.efficiencyRuns(1, 4, 1, 1, 150, 4));
    }

    @Test
    void theEfficiencySpecIsValid() throws Exception {
        var spec = new StudySpecParser().parse(BenchCommand.efficiencySpec("bench-l200-c64", 7, 7)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(28, spec.runCount());
        assertEquals(7, spec.maxConcurrentRuns());
        assertEquals("host-1.example", BenchCommand.safeHost("Host 1.example"));
    }

    private static BenchReport.Phase phase(String name, int c, long latency, long turns, double finish, double stats) {
        return new BenchReport.Phase(name, "d-" + name, 18, 18, 0, turns, 6, c, latency, finish, stats,
                new BenchMath.Summary(100, 12.5, 40.0, 61.0), 18, Map.of("agent-service", 300L * 1024),
                new BenchReport.Scoring(Map.of("en", 1350.0, "ja", 1350.0), stats, 9.0),
                Map.of("orchestrator-service", 27.0, "agent-service", 13.5, "stats-service", 4.5));
    }

    @Test
    void rendersTheReportWithVerdicts() {
        BenchReport.Machine machine = new BenchReport.Machine("2026-11-22", "lab", 2, 24 * 1024 * 1024, "Linux 6.1 (amd64)",
                "17.0.12");
        BenchReport.Phase throughput = phase("throughput L=0", 0, 0, 2700, 40, 45);
        BenchReport.Phase c64 = phase("L=200ms C=64", 64, 200, 4200, 15, 16);
        BenchReport report = new BenchReport(machine, "./backfire bench --size mini", "mini", throughput, List.of(c64),
                List.of("a note"));
        String md = report.markdown();
        assertTrue(md.startsWith("# Benchmark 2026-11-22 on lab"), md);
        assertTrue(md.contains("| command | `./backfire bench --size mini` |"), md);
        assertTrue(md.contains("2 cores"), md);
        assertTrue(md.contains("24.0 GiB"), md);
        // 2,700 turns in 45 s = 60 turns/s; Study 1 projected at 22,500 / 60 = 375 s, missed by 315 s
        assertTrue(md.contains("| 60.0 |"), md);
        assertTrue(md.contains("375.0 s (projected from mini at 60.0 turns/s) | missed by 315.0 s"), md);
        // 4,200 turns in 15 s = 280 turns/s of an ideal 64 / 0.2 s = 320: efficiency 0.875, missed by 0.03 (0.025)
        assertTrue(md.contains("| 200 ms | 64 |"), md);
        assertTrue(md.contains("| 280.0 | 320.0 | 0.88 |"), md);
        assertTrue(md.contains("| 12.5 ms | 40.0 ms | 61.0 ms |"), md);
        assertTrue(md.contains("| throughput L=0 | 2,700 | 9.0 s | 300.0 |"), md);
        assertTrue(md.contains("| 300 MiB |"), md);
        assertTrue(md.contains("- a note"), md);
        // CPU per turn: 27 s over 2,700 turns = 10 ms/turn; total 45 s = 16.7 ms/turn
        assertTrue(md.contains("27.0 s (10.0 ms/turn)"), md);
        assertTrue(md.contains("45.0 s (16.7 ms/turn) |"), md);
        // limits: 45 CPU-s over 2,700 turns = 16.7 ms/turn, on 2 cores at most 120 turns/s, Study 1 >= 187.5 s;
        // 6 runs in flight x 10 agents at 2,700 / 40 s = 67.5 turns/s: a round takes 888.9 ms on average
        assertTrue(md.contains("| throughput L=0 | 16.7 ms | 1.00 of 2 | 120.0 turns/s | 187.5 s | - | 888.9 ms | 12.5 ms |"), md);
        // 45 CPU-s over 4,200 turns = 10.7 ms/turn: at most 186.7 turns/s of the ideal 320, efficiency <= 0.58
        assertTrue(md.contains("| L=200ms C=64 | 10.7 ms | 2.81 of 2 | 186.7 turns/s | 120.5 s | 0.58 | 214.3 ms |"), md);
        // stats: 4.5 CPU-seconds over 18 completed runs = 250 ms per run
        assertTrue(md.contains("| throughput L=0 | 18 | 4.5 s | 250.0 ms |"), md);

        List<BenchReport.Verdict> verdicts = report.verdicts();
        assertFalse(verdicts.get(0).met());
        assertFalse(verdicts.get(1).met());
        assertTrue(verdicts.get(2).met(), verdicts.get(2).toString()); // p99 40 < 50
        String summary = report.summaryTable();
        assertTrue(summary.contains("efficiency L = 200 ms, C = 64"), summary);
        assertTrue(summary.contains("0.88 (280.0 of ideal 320.0 turns/s)"), summary);
    }

    @Test
    void aMeasuredStudyOneIsJudgedOnItsOwnTime() {
        BenchReport.Machine machine = new BenchReport.Machine("2026-11-22", "lab", 8, -1, "Linux", "17");
        BenchReport report = new BenchReport(machine, "./backfire bench --size study1", "study1",
                phase("throughput L=0", 0, 0, 22_500, 50, 55), List.of(), List.of());
        BenchReport.Verdict v = report.verdicts().get(0);
        assertTrue(v.met(), v.toString());
        assertEquals("55.0 s (measured)", v.measured());
        assertTrue(report.markdown().contains("memory unknown"));
    }
}
