package dev.backfire.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.analysis.AgentRun;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.analysis.AnalysisOptions;
import dev.backfire.analysis.ResultsTable;
import dev.backfire.analysis.StudyAnalyzer;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.SuiteClient;
import dev.backfire.protocol.spec.InvalidSpecException;
import dev.backfire.protocol.spec.SpecError;
import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.protocol.spec.StudySpecParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code backfire run <spec> [--out DIR] [--keep-running]}: validates the spec, starts the local stack,
 * runs the study through all four services, shows progress, prints the results table, writes
 * {@code results.json} and {@code agent-runs.csv}, and stops everything (also on Ctrl-C).
 */
final class RunCommand {
    static final String USAGE = "usage: backfire run <spec.yaml> [--out DIR] [--keep-running]";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STATS_CATCH_UP = Duration.ofSeconds(120);
    private static final String DEFAULT_OUT = "backfire-out";
    private static final String SYNTHETIC = "synthetic";

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    RunCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Path spec = null;
        Path outDir = null;
        boolean keepRunning = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--out" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--out needs a folder");
                    }
                    outDir = Path.of(args.get(++i));
                }
                case "--keep-running" -> keepRunning = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") || spec != null) {
                        return usage("unexpected argument '" + a + "'");
                    }
                    spec = Path.of(a);
                }
            }
        }
        if (spec == null) {
            return usage("a spec file is required");
        }
        byte[] document;
        try {
            document = Files.readAllBytes(spec);
        } catch (IOException e) {
            err.println("backfire: cannot read " + spec + ": " + e.getMessage());
            return 2;
        }
        StudySpec parsed;
        try {
            parsed = new StudySpecParser().parse(document);
        } catch (InvalidSpecException e) {
            err.println("backfire: " + spec + " is not a valid study spec:");
            for (SpecError error : e.errors()) {
                err.println("  " + spec.getFileName() + ":" + error);
            }
            return 2;
        }
        if (outDir == null) {
            outDir = Path.of(DEFAULT_OUT, parsed.name());
        }
        out.printf(Locale.ROOT, "Study '%s': %d languages x %d ratios x %d replicates = %d runs, %,d model calls (%s)%n",
                parsed.name(), parsed.languages().size(), parsed.alignmentRatios().size(), parsed.replicates(),
                parsed.runCount(), parsed.callCount(), parsed.model().name());
        if (SYNTHETIC.equals(parsed.model().name())) {
            out.println("SYNTHETIC MODEL: transcripts come from the built-in synthetic model; any");
            out.println("effect below comes from its documented parameters, not from a language model.");
        }
        return execute(document, parsed, outDir, keepRunning);
    }

    private int execute(byte[] document, StudySpec parsed, Path outDir, boolean keepRunning) {
        AtomicBoolean closed = new AtomicBoolean();
        LocalStack[] holder = new LocalStack[1];
        Thread hook = new Thread(() -> {
            if (holder[0] != null && closed.compareAndSet(false, true)) {
                err.println("\nbackfire: stopping the local stack...");
                holder[0].close();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Files.createDirectories(outDir);
            holder[0] = LocalStack.start(LocalStack.Options.defaults(home, outDir.resolve("logs")),
                    step -> out.println("  " + step));
            LocalStack stack = holder[0];
            SuiteClient client = stack.client();
            SuiteClient.Answer submitted = client.submit(document);
            if (submitted.status() != 201) {
                err.println("backfire: the orchestrator refused the spec (HTTP " + submitted.status() + "): "
                        + submitted.body());
                return 2;
            }
            String studyId = submitted.json().get("id").asText();
            out.println("Submitted study " + studyId + ".");
            out.println("  console:          " + stack.url(LocalStack.STATS) + "/console/");
            out.println("  orchestrator API: " + stack.url(LocalStack.ORCHESTRATOR) + " (metrics at /q/metrics)");
            JsonNode finalStudy = follow(client, studyId);
            awaitStats(client, studyId, finalStudy.get("progress").get("completed").asLong());
            writeOutputs(client, studyId, outDir);
            printResults(outDir, parsed);
            long failed = finalStudy.get("progress").get("failed").asLong();
            if (keepRunning) {
                out.println("The stack keeps running (Ctrl-C to stop): console " + stack.url(LocalStack.STATS)
                        + "/console/, orchestrator " + stack.url(LocalStack.ORCHESTRATOR) + ", stats "
                        + stack.url(LocalStack.STATS));
                Thread.currentThread().join();
            }
            return failed == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IOException | RuntimeException e) {
            err.println("backfire: " + e.getMessage());
            return 1;
        } finally {
            if (holder[0] != null && closed.compareAndSet(false, true)) {
                out.println("Stopping the local stack.");
                holder[0].close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private JsonNode follow(SuiteClient client, String studyId) throws InterruptedException {
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        while (true) {
            JsonNode study = client.study(studyId);
            JsonNode p = study.get("progress");
            bar.update(p.get("completed").asLong(), p.get("failed").asLong(), p.get("total").asLong(),
                    p.get("messagesStored").asLong(), p.get("messagesExpected").asLong());
            String status = study.get("status").asText();
            if (status.equals("COMPLETED") || status.equals("FINISHED_WITH_FAILURES")
                    || status.equals("BUDGET_EXHAUSTED")) {
                if (status.equals("BUDGET_EXHAUSTED")) {
                    bar.finish();
                    out.printf(Locale.ROOT, "The study's token budget is spent (%d of %d tokens): %d runs stay pending.%n",
                            p.get("tokensUsed").asLong(), p.get("tokenBudget").asLong(), p.get("pending").asLong());
                }
                bar.finish();
                out.printf(Locale.ROOT, "All runs finished in %s (%d completed, %d failed).%n",
                        ProgressBar.formatSeconds(bar.elapsedSeconds()), p.get("completed").asLong(),
                        p.get("failed").asLong());
                return study;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits until the stats service has counted every completed run (scores trail the transcript). */
    private void awaitStats(SuiteClient client, String studyId, long completed) throws InterruptedException {
        long end = System.nanoTime() + STATS_CATCH_UP.toNanos();
        while (System.nanoTime() < end) {
            SuiteClient.Answer answer = client.statsStudy(studyId);
            if (answer.status() == 200 && answer.json().get("includedRuns").asLong() >= completed) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the stats service did not count all " + completed + " runs within "
                + STATS_CATCH_UP.toSeconds() + " s");
    }

    private void writeOutputs(SuiteClient client, String studyId, Path outDir) throws IOException {
        writeAtomically(outDir.resolve("results.json"), client.resultsJson(studyId));
        writeAtomically(outDir.resolve("agent-runs.csv"), client.agentRunsCsv(studyId));
        writeAtomically(outDir.resolve("transcripts.jsonl"), client.transcriptsJsonl(studyId));
        writeAtomically(outDir.resolve("lock.json"), client.lockJson(studyId));
        writeAtomically(outDir.resolve("deviations.json"), client.deviationsJson(studyId));
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void printResults(Path outDir, StudySpec spec) throws IOException {
        String csv = Files.readString(outDir.resolve("agent-runs.csv"));
        List<AgentRun> rows = AgentRunCsv.read(new StringReader(csv), "agent-runs.csv");
        out.println();
        out.print(ResultsTable.render(StudyAnalyzer.analyze(rows, AnalysisOptions.defaults().withPdiOverrides(spec.pdi()))));
        out.println();
        if (SYNTHETIC.equals(spec.model().name())) {
            out.println("SYNTHETIC MODEL: every figure above comes from transcripts of the built-in");
            out.println("synthetic model; its effects come from the model's documented parameters,");
            out.println("not from a language model.");
        }
        printDeviations(outDir);
        out.println("Wrote results.json, agent-runs.csv, transcripts.jsonl, lock.json and deviations.json to "
                + outDir + " (service logs in " + outDir.resolve("logs") + ").");
    }

    /** One line per kind of deviation from the preregistered plan, or a line saying there was none. */
    private void printDeviations(Path outDir) throws IOException {
        JsonNode deviations = new ObjectMapper()
                .readTree(Files.readString(outDir.resolve("deviations.json")));
        if (deviations.isEmpty()) {
            out.println("Deviations from the preregistered plan: none.");
            return;
        }
        Map<String, Integer> byKind = new TreeMap<>();
        deviations.forEach(d -> byKind.merge(d.get("kind").asText(), 1, Integer::sum));
        out.println("Deviations from the preregistered plan (logged against the lock; see deviations.json):");
        byKind.forEach((kind, n) -> out.println("  " + kind + ": " + n));
    }

    private int usage(String problem) {
        err.println("backfire run: " + problem);
        err.println(USAGE);
        return 2;
    }
}
