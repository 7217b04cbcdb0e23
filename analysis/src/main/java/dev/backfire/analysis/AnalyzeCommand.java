package dev.backfire.analysis;

import dev.backfire.analysis.results.StudyResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code analyze} command: reads an agent-run CSV, prints the {@link ResultsTable} and optionally
 * writes the {@link ResultsJson}.
 *
 * <pre>{@value #USAGE}</pre>
 *
 * <p>Exit codes: {@value #EXIT_OK} success; {@value #EXIT_OUTPUT_ERROR} the JSON file could not be
 * written; {@value #EXIT_USAGE} bad arguments or bad input (one line on the error stream naming file,
 * line and column). The JSON is written to a temporary file in the target directory and then moved into
 * place, so a reader never sees a half-written file.
 */
public final class AnalyzeCommand {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** The results could not be written. */
    public static final int EXIT_OUTPUT_ERROR = 1;
    /** Bad usage or bad input data. */
    public static final int EXIT_USAGE = 2;

    /** The usage text printed by {@code --help}. */
    public static final String USAGE = """
            Usage: analyze <agent-runs.csv> [--json FILE] [--permutations N] [--seed S] [--pdi LANG=VALUE]...
              Runs the Backfire Lab analysis plan (ANALYSIS.md) over one study's agent-run CSV
              and prints a summary table.
              --json FILE        also write the full results as JSON to FILE
              --permutations N   permutations per contrast for the permutation p (default 2000, 0 = off)
              --seed S           permutation seed (default 20240521)
              --pdi LANG=VALUE   override a language's Power Distance Index (repeatable)
              --help             print this text
            Exit codes: 0 ok, 1 cannot write the JSON file, 2 bad arguments or bad input.""";

    private AnalyzeCommand() {
    }

    /**
     * Command-line entry point; exits the JVM with the code of {@link #run}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command. A leading {@code analyze} argument (the sub-command name) is accepted and skipped.
     *
     * @param args the arguments, see {@link #USAGE}
     * @param out  receives the table (or the usage for {@code --help})
     * @param err  receives one-line error messages
     * @return {@value #EXIT_OK}, {@value #EXIT_OUTPUT_ERROR} or {@value #EXIT_USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + " (try --help)");
            return EXIT_USAGE;
        }
        if (parsed.help()) {
            out.println(USAGE);
            return EXIT_OK;
        }
        StudyResults results;
        try {
            List<AgentRun> rows = AgentRunCsv.read(parsed.csv());
            results = StudyAnalyzer.analyze(rows, parsed.options());
        } catch (AnalysisInputException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        out.print(ResultsTable.render(results));
        if (parsed.json() != null) {
            try {
                writeAtomically(parsed.json(), ResultsJson.write(results) + "\n");
            } catch (IOException e) {
                err.println("error: cannot write " + parsed.json() + ": " + e.getMessage());
                return EXIT_OUTPUT_ERROR;
            }
        }
        return EXIT_OK;
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Parsed command line. */
    private record Arguments(boolean help, Path csv, Path json, AnalysisOptions options) {

        static Arguments parse(String[] args) {
            Path csv = null;
            Path json = null;
            AnalysisOptions options = AnalysisOptions.defaults();
            Map<String, Double> pdi = new HashMap<>();
            int start = args.length > 0 && "analyze".equals(args[0]) ? 1 : 0;
            for (int i = start; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Arguments(true, null, null, options);
                    }
                    case "--json" -> json = Path.of(value(args, ++i, arg));
                    case "--permutations" -> options = options.withPermutations(parseInt(value(args, ++i, arg), arg));
                    case "--seed" -> options = options.withSeed(parseLong(value(args, ++i, arg), arg));
                    case "--pdi" -> {
                        String spec = value(args, ++i, arg);
                        int eq = spec.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--pdi expects LANG=VALUE, got '" + spec + "'");
                        }
                        pdi.put(spec.substring(0, eq), parseDouble(spec.substring(eq + 1), arg));
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "'");
                        }
                        if (csv != null) {
                            throw new IllegalArgumentException(
                                    "more than one input file: '" + csv + "' and '" + arg + "'");
                        }
                        csv = Path.of(arg);
                    }
                }
            }
            if (csv == null) {
                throw new IllegalArgumentException("missing <agent-runs.csv>");
            }
            return new Arguments(false, csv, json, options.withPdiOverrides(pdi));
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int parseInt(String text, String option) {
            try {
                int value = Integer.parseInt(text);
                if (value < 0) {
                    throw new IllegalArgumentException(option + " must be >= 0, got '" + text + "'");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects an integer, got '" + text + "'");
            }
        }

        private static long parseLong(String text, String option) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects an integer, got '" + text + "'");
            }
        }

        private static double parseDouble(String text, String option) {
            try {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(option + " expects a finite number, got '" + text + "'");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects a number, got '" + text + "'");
            }
        }
    }
}
