package dev.backfire.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pure computations of {@code backfire bench}: percentiles, turn overheads, and parsing /proc and Prometheus text. */
final class BenchMath {
    private BenchMath() {
    }

    /** p50, p99 and max of a sample, with its size. */
    record Summary(int count, double p50, double p99, double max) {
        static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN);
    }

    static Summary summarize(List<? extends Number> values) {
        if (values.isEmpty()) {
            return Summary.EMPTY;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return new Summary(sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /**
     * The p-th percentile (0..100) of sorted values, interpolating linearly between closest ranks (R's type 7,
     * numpy's default).
     */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile outside 0..100: " + p);
        }
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] < sorted[i - 1]) {
                throw new IllegalArgumentException("values are not sorted");
            }
        }
        double h = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double percentile(List<? extends Number> values, double p) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(sorted);
        return percentile(sorted, p);
    }

    /**
     * The platform's overhead of each turn of a transcript (GET /runs/{id}/transcript), in ms: for every turn
     * after the first, the time from the previous turn's last reply to this turn's last reply, minus the model
     * latency of this turn's last reply. The first turn has no previous reply to start from and is left out;
     * turns with a reply lacking a timestamp ({@code receivedAtMs} 0 or absent) are left out too.
     */
    static List<Long> turnOverheadsMs(JsonNode transcript) {
        List<Long> out = new ArrayList<>();
        long previousLast = -1;
        for (JsonNode turn : transcript.path("turns")) {
            long last = -1;
            long lastLatency = 0;
            boolean complete = turn.path("messages").size() > 0;
            for (JsonNode m : turn.path("messages")) {
                long at = m.path("receivedAtMs").asLong(0);
                if (at <= 0) {
                    complete = false;
                    break;
                }
                if (at > last) {
                    last = at;
                    lastLatency = m.path("latencyMs").asLong(0);
                }
            }
            if (!complete) {
                previousLast = -1;
                continue;
            }
            if (previousLast > 0) {
                out.add(last - previousLast - lastLatency);
            }
            previousLast = last;
        }
        return out;
    }

    private static final Pattern KB = Pattern.compile("(\\d+)\\s*kB");

    /** A field in kB of a /proc file such as /proc/meminfo (MemTotal) or /proc/PID/status (VmRSS); -1 if absent. */
    static long procFieldKb(String procText, String field) {
        for (String line : procText.split("\n")) {
            if (line.startsWith(field + ":")) {
                Matcher m = KB.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        return -1;
    }

    /** utime + stime of /proc/PID/stat, in clock ticks; the command name may hold spaces and parentheses. */
    static long cpuTicks(String statLine) {
        String rest = statLine.substring(statLine.lastIndexOf(')') + 2);
        String[] f = rest.trim().split("\\s+");
        // rest starts at field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * The values of one Prometheus counter by one label, summed over its other labels, from /q/metrics text:
     * e.g. {@code backfire_scoring_messages_scored_total} by {@code language}.
     */
    static Map<String, Double> counterByLabel(String metrics, String name, String label) {
        Map<String, Double> out = new TreeMap<>();
        Pattern labelPattern = Pattern.compile("(?:^|[{,])\\s*" + Pattern.quote(label) + "=\"([^\"]*)\"");
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String labels = close > 0 ? line.substring(name.length(), close + 1) : "";
            String value = (close > 0 ? line.substring(close + 1) : line.substring(name.length())).trim().split("\\s+")[0];
            Matcher m = labelPattern.matcher(labels);
            String key = m.find() ? m.group(1) : "";
            out.merge(key, Double.parseDouble(value), Double::sum);
        }
        return out;
    }

    /** Per-key difference {@code after - before} (keys missing before count as 0). */
    static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
        return out;
    }

    /**
     * Runs for an efficiency design: whole waves of {@code runsInFlight}, at most {@code maxWaves}, no more than
     * fit in {@code maxSeconds} at {@code expectedTurnsPerSecond}, at least one wave, rounded up to a multiple of
     * {@code cellsPerReplicate} with at least two replicates.
     */
    static int efficiencyRuns(int runsInFlight, int maxWaves, double expectedTurnsPerSecond, double maxSeconds,
                              int turnsPerRun, int cellsPerReplicate) {
        int fit = (int) Math.floor(expectedTurnsPerSecond * maxSeconds / turnsPerRun);
        int waves = Math.max(1, Math.min(maxWaves, fit / Math.max(1, runsInFlight)));
        int runs = waves * runsInFlight;
        int replicates = Math.max(2, (runs + cellsPerReplicate - 1) / cellsPerReplicate);
        return replicates * cellsPerReplicate;
    }
}
