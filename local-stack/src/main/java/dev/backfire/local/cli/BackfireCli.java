package dev.backfire.local.cli;

import dev.backfire.analysis.AnalyzeCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code backfire} command: {@code run} a study on the local stack, {@code analyze} an agent-run CSV,
 * {@code validate-scorer} and {@code rescore} with the scorer, and the others in {@link #USAGE}.
 */
public final class BackfireCli {
    static final String USAGE = """
            usage: backfire <command> [options]

            commands:
              run <spec.yaml> [--out DIR] [--keep-running]
                  run a study end to end on the local stack (embedded Kafka and PostgreSQL, the four
                  services, the built-in synthetic model unless the spec names another) and write
                  results.json and agent-runs.csv to DIR (default backfire-out/<study name>)
              plan <spec.yaml>
                  validate a spec and print its design (cells, runs, model calls) and a token
                  estimate per language, without running anything
              analyze <agent-runs.csv> [--json FILE]
                  the analysis of ANALYSIS.md on an agent-run CSV: a table, and JSON to FILE
              power --g G [--power P] [--alpha A]
                  runs per cell needed to detect Hedges' g before a study
              validate-scorer [--languages L1,L2] [--messages N] [--seed S] [--lexicons DIR]
                      [--json FILE]
                  the scorer's precision and recall per language and category against
                  the synthetic model's intended hits (SYNTHETIC ground truth) and the
                  hand-labelled challenge sentences; exit 1 when a floor fails
              validate-scorer --transcripts FILE [--languages L1,L2] [--lexicons DIR] [--json FILE]
                  the same against the intended hits stored beside each message of a
                  finished synthetic study (its transcripts.jsonl)
              rescore <run-output-dir> --lexicons DIR [--out DIR]
                  re-score a finished study's transcripts with the lexicons in DIR
                  (others stay bundled), without calling any model; writes new
                  message scores, agent-runs.csv and results.json to
                  <run-output-dir>/rescored-<lexicon versions>/ and never overwrites
              bench [--size mini|study1|study2] [--no-efficiency]
                  benchmark the suite on the local stack (throughput at zero latency, efficiency at a
                  simulated 200 ms model latency with C = 64 and 256, overhead per turn, scorer rate,
                  memory) and write benchmarks/<date>-<host>.md; default size mini (study2 takes long)
              help
                  this text
            """;

    private BackfireCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        Path home = Path.of(System.getProperty("backfire.home", ".")).toAbsolutePath().normalize();
        return switch (args[0]) {
            case "run" -> new RunCommand(home, out, err).run(rest);
            case "plan" -> new PlanCommand(out, err).run(rest);
            case "analyze" -> AnalyzeCommand.run(rest.toArray(String[]::new), out, err);
            case "power" -> new PowerCommand(out, err).run(rest);
            case "bench" -> new BenchCommand(home, out, err).run(rest);
            case "validate-scorer" -> new ValidateScorerCommand(out, err).run(rest);
            case "rescore" -> new RescoreCommand(out, err).run(rest);
            default -> {
                err.println("backfire: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
