package dev.backfire.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.ServiceProcess;
import dev.backfire.local.launch.SuiteClient;
import dev.backfire.protocol.spec.InvalidSpecException;
import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.protocol.spec.StudySpecParser;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code backfire bench [--size mini|study1|study2]}: measures the suite on the local stack (throughput at
 * zero latency, efficiency at a simulated model latency and concurrency limit, the platform's overhead per
 * turn, the scorer's rate, resident memory) and writes {@code benchmarks/<date>-<host>.md}.
 */
final class BenchCommand {
    static final String USAGE = "usage: backfire bench [--size mini|study1|study2] [--no-efficiency]";
    private static final Map<String, String> SIZES = Map.of("mini", "study1-mini.yaml", "study1", "study1.yaml",
            "study2", "study2.yaml");
    private static final long LATENCY_MS = 200;
    private static final int[] CONCURRENCY = {64, 256};
    private static final double MAX_EFFICIENCY_SECONDS = 120;
    private static final int MAX_WAVES = 4;
    private static final int MAX_TRANSCRIPTS = 200;
    private static final long POLL_MS = 250;
    private static final long STATS_CATCH_UP_MS = 300_000;
    private static final String SCORED = "backfire_scoring_messages_scored_total";
    private static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicReference<LocalStack> current = new AtomicReference<>();

    BenchCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        String size = "mini";
        boolean withEfficiency = true;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--size" -> {
                    if (i + 1 >= args.size() || !SIZES.containsKey(args.get(i + 1))) {
                        return usage("--size takes mini, study1 or study2");
                    }
                    size = args.get(++i);
                }
                case "--no-efficiency" -> withEfficiency = false;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    return usage("unexpected argument '" + args.get(i) + "'");
                }
            }
        }
        String command = "./backfire bench" + (args.isEmpty() ? "" : " " + String.join(" ", args));
        Path specFile = home.resolve("studies").resolve(SIZES.get(size));
        byte[] document;
        StudySpec spec;
        try {
            document = Files.readAllBytes(specFile);
            spec = new StudySpecParser().parse(document);
        } catch (IOException | InvalidSpecException e) {
            err.println("backfire bench: cannot read " + specFile + ": " + e.getMessage());
            return 2;
        }
        if (size.equals("study2")) {
            out.println("Note: study2 is 1,200 runs and 180,000 turns; at zero latency it takes long (tens of minutes on a laptop).");
        }
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            LocalStack stack = current.getAndSet(null);
            if (stack != null && closed.compareAndSet(false, true)) {
                err.println("\nbackfire bench: stopping the local stack...");
                stack.close();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BenchReport.Machine machine = machine();
            List<String> notes = new ArrayList<>();
            out.printf(Locale.ROOT, "Benchmark on %s: %d cores, Java %s. Phase 1: %s at zero latency (%d runs, %,d turns).%n",
                    machine.host(), machine.cores(), machine.java(), spec.name(), spec.runCount(), spec.callCount());
            BenchReport.Phase throughput = phase("throughput L=0", spec.name(), document, spec.runCount(),
                    spec.maxConcurrentRuns(), 0, 0, Map.of(), notes);
            List<BenchReport.Phase> efficiency = new ArrayList<>();
            if (withEfficiency) {
                for (int c : CONCURRENCY) {
                    // Half as many runs again as C calls need, so the orchestrator always has requests waiting for
                    // a free slot while some runs are between turns; admission keeps calls in flight at C.
                    int inFlight = (c + 9) / 10 * 3 / 2;
                    double expected = Math.min(c * 1000.0 / LATENCY_MS, throughput.turnsPerSecondToStats());
                    int runs = BenchMath.efficiencyRuns(inFlight, MAX_WAVES, expected, MAX_EFFICIENCY_SECONDS,
                            spec.agents() * spec.turns(), 4);
                    String name = "bench-l" + LATENCY_MS + "-c" + c;
                    byte[] doc = efficiencySpec(name, runs / 4, inFlight).getBytes(StandardCharsets.UTF_8);
                    notes.add(String.format(Locale.ROOT, "Efficiency design for C = %d: en, ja x ratios 0, 1 x %d replicates = %d runs "
                                    + "(%,d turns), %d runs in flight; sized as whole waves of %d runs (at most %d) that fit in %.0f s "
                                    + "at min(C/L, the zero-latency throughput) = %.1f turns/s.", c, runs / 4, runs, runs * 150L,
                            inFlight, inFlight, MAX_WAVES, MAX_EFFICIENCY_SECONDS, expected));
                    Map<String, String> props = new LinkedHashMap<>();
                    props.put("backfire.agent.synthetic.latency.mode", "fixed");
                    props.put("backfire.agent.synthetic.latency.mean", LATENCY_MS + "ms");
                    props.put("smallrye.messaging.worker.model-calls.max-concurrency", Integer.toString(c));
                    props.put("backfire.orchestrator.admission.max-concurrent-calls", Integer.toString(c));
                    props.put("backfire.orchestrator.max-concurrent-runs", Integer.toString(inFlight));
                    out.printf(Locale.ROOT, "Phase: L = %d ms, C = %d (%d runs, %d in flight).%n", LATENCY_MS, c, runs, inFlight);
                    BenchReport.Phase measured = phase("L=" + LATENCY_MS + "ms C=" + c, name, doc, runs, inFlight, c,
                            LATENCY_MS, props, notes);
                    efficiency.add(measured);
                    if (measured.wallToFinishSeconds() > MAX_EFFICIENCY_SECONDS) {
                        notes.add(String.format(Locale.ROOT, "The C = %d phase took %.1f s, more than the %.0f s it was sized "
                                + "for: the platform ran below the expected %.1f turns/s.", c, measured.wallToFinishSeconds(),
                                MAX_EFFICIENCY_SECONDS, expected));
                    }
                }
            }
            notes.add("Turns are messages stored by the orchestrator (progress.messagesStored), one per agent and turn.");
            notes.add("receivedAtMs was added to the transcript view (RunResource.Line) for the overhead figures; it is "
                    + "MessageEntity.receivedAt, which the orchestrator sets from the agent's produce time.");
            notes.add("Phase 1 keeps the spec's own limits.maxConcurrentRuns and the services' defaults "
                    + "(agent max-concurrency 32, orchestrator max-concurrent-runs 64).");
            notes.add("JVM options: the services `" + String.join(" ", ServiceProcess.jvmOptions(System.getenv(ServiceProcess.JVM_OPTIONS_ENV)))
                    + "`; the bench's own JVM (with the broker) `"
                    + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                            .filter(a -> a.startsWith("-X")).toList()) + "`.");
            BenchReport report = new BenchReport(machine, command, size, throughput, efficiency, notes);
            Path file = reportFile(machine);
            Files.writeString(file, report.markdown());
            out.println();
            out.print(report.summaryTable());
            out.println("Wrote " + home.relativize(file));
            return throughput.failed() == 0 && efficiency.stream().allMatch(p -> p.failed() == 0) ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IOException | RuntimeException e) {
            err.println("backfire bench: " + e.getMessage());
            return 1;
        } finally {
            LocalStack stack = current.getAndSet(null);
            if (stack != null && closed.compareAndSet(false, true)) {
                stack.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
    }

    static String efficiencySpec(String name, int replicates, int maxConcurrentRuns) {
        return """
                apiVersion: backfire/v1
                name: %s
                description: backfire bench efficiency design
                design:
                  languages: [en, ja]
                  alignmentRatios: [0, 1]
                  replicates: %d
                  agents: 10
                  turns: 15
                model:
                  name: synthetic
                seed: 20260304
                limits:
                  maxConcurrentRuns: %d
                """.formatted(name, replicates, maxConcurrentRuns);
    }

    private BenchReport.Phase phase(String label, String design, byte[] document, int runs, int inFlight, int c,
                                    long latencyMs, Map<String, String> props, List<String> notes)
            throws IOException, InterruptedException {
        Path logs = home.resolve("backfire-out").resolve("bench").resolve(design).resolve("logs");
        LocalStack stack = LocalStack.start(LocalStack.Options.defaults(home, logs).withExtraProperties(props),
                step -> out.println("  " + step));
        current.set(stack);
        try {
            SuiteClient client = stack.client();
            ServiceProcess scoring = stack.process(LocalStack.SCORING);
            Map<String, Long> cpuStart = new LinkedHashMap<>();
            for (String s : LocalStack.SERVICES) {
                cpuStart.put(s, cpuTicks(stack.process(s).pid()));
            }
            cpuStart.put("backfire-bench", cpuTicks(ProcessHandle.current().pid()));
            Map<String, Double> scoredBefore = BenchMath.counterByLabel(client.metrics(scoring.baseUrl()), SCORED, "language");
            long cpuBefore = cpuTicks(scoring.pid());
            Map<String, Long> peak = new ConcurrentHashMap<>();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    for (String s : LocalStack.SERVICES) {
                        long kb = rssKb(stack.process(s).pid());
                        if (kb > 0) {
                            peak.merge(s, kb, Math::max);
                        }
                    }
                    long self = rssKb(ProcessHandle.current().pid());
                    if (self > 0) {
                        peak.merge("backfire-bench", self, Math::max);
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-rss");
            sampler.setDaemon(true);
            long start = System.nanoTime();
            SuiteClient.Answer submitted = client.submit(document);
            if (submitted.status() != 201) {
                throw new IllegalStateException("the orchestrator refused " + design + " (HTTP " + submitted.status() + "): "
                        + submitted.body());
            }
            sampler.start();
            String studyId = submitted.json().get("id").asText();
            ProgressBar bar = new ProgressBar(out, System.console() != null);
            JsonNode p;
            while (true) {
                p = client.study(studyId).get("progress");
                bar.update(p.get("completed").asLong(), p.get("failed").asLong(), p.get("total").asLong(),
                        p.get("messagesStored").asLong(), p.get("messagesExpected").asLong());
                if (p.get("completed").asLong() + p.get("failed").asLong() >= p.get("total").asLong()) {
                    break;
                }
                Thread.sleep(POLL_MS);
            }
            bar.finish();
            double toFinish = (System.nanoTime() - start) / 1e9;
            long completed = p.get("completed").asLong();
            long deadline = System.currentTimeMillis() + STATS_CATCH_UP_MS;
            while (true) {
                SuiteClient.Answer a = client.statsStudy(studyId);
                if (a.status() == 200 && a.json().path("includedRuns").asLong() >= completed) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the stats service did not count all " + completed + " runs");
                }
                Thread.sleep(POLL_MS);
            }
            double toStats = (System.nanoTime() - start) / 1e9;
            // scores trail the transcript; the stats count means every run's scores have been read
            Map<String, Double> scored = BenchMath.delta(scoredBefore,
                    BenchMath.counterByLabel(client.metrics(scoring.baseUrl()), SCORED, "language"));
            double cpu = (cpuTicks(scoring.pid()) - cpuBefore) / CLOCK_TICKS;
            Map<String, Double> cpuSeconds = new LinkedHashMap<>();
            cpuStart.forEach((s, ticks) -> cpuSeconds.put(s, (cpuTicks(s.equals("backfire-bench")
                    ? ProcessHandle.current().pid() : stack.process(s).pid()) - ticks) / CLOCK_TICKS));
            sampling.set(false);
            sampler.interrupt();
            long turns = client.study(studyId).get("progress").get("messagesStored").asLong();
            out.printf(Locale.ROOT, "  %s: %,d turns, %.1f s to the last run finished, %.1f s to the last run counted by stats.%n",
                    label, turns, toFinish, toStats);
            List<Long> overheads = new ArrayList<>();
            int sampled = 0;
            for (JsonNode run : client.runs(studyId)) {
                if (sampled >= MAX_TRANSCRIPTS) {
                    notes.add(label + ": overhead from the first " + MAX_TRANSCRIPTS + " runs' transcripts only.");
                    break;
                }
                if (run.path("status").asText().equals("COMPLETED")) {
                    overheads.addAll(BenchMath.turnOverheadsMs(client.transcript(run.get("id").asText())));
                    sampled++;
                }
            }
            return new BenchReport.Phase(label, design, runs, completed, p.get("failed").asLong(), turns, inFlight, c,
                    latencyMs, toFinish, toStats, BenchMath.summarize(overheads), sampled, new LinkedHashMap<>(peak),
                    new BenchReport.Scoring(scored, toStats, cpu), cpuSeconds);
        } finally {
            if (current.compareAndSet(stack, null)) {
                out.println("  stopping the local stack");
                stack.close();
            }
        }
    }

    private static long rssKb(long pid) {
        try {
            return BenchMath.procFieldKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")), "VmRSS");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long cpuTicks(long pid) {
        try {
            return BenchMath.cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static BenchReport.Machine machine() {
        long mem;
        try {
            mem = BenchMath.procFieldKb(Files.readString(Path.of("/proc/meminfo")), "MemTotal");
        } catch (IOException e) {
            mem = -1;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return new BenchReport.Machine(LocalDate.now().toString(), host, Runtime.getRuntime().availableProcessors(), mem,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    }

    /** benchmarks/DATE-HOST.md, or DATE-HOST-2.md and so on if that exists. */
    private Path reportFile(BenchReport.Machine machine) throws IOException {
        Path dir = Files.createDirectories(home.resolve("benchmarks"));
        String base = machine.date() + "-" + safeHost(machine.host());
        Path file = dir.resolve(base + ".md");
        for (int i = 2; Files.exists(file); i++) {
            file = dir.resolve(base + "-" + i + ".md");
        }
        return file;
    }

    static String safeHost(String host) {
        String s = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return s.isEmpty() ? "localhost" : s;
    }

    private int usage(String problem) {
        err.println("backfire bench: " + problem);
        err.println(USAGE);
        return 2;
    }
}
