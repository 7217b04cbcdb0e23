package dev.backfire.local.cli;

import dev.backfire.analysis.stats.PowerCalculator;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code backfire power --g G [--power P] [--alpha A]}: runs per (language, ratio) cell needed to detect
 * Hedges' g between two cells with a two-sided test, before a study is run (PowerCalculator: exact
 * noncentral t, as R's power.t.test with strict = TRUE).
 */
final class PowerCommand {
    static final String USAGE = "usage: backfire power --g G [--power P (default 0.8)] [--alpha A (default 0.05)]";
    static final double DEFAULT_POWER = 0.8;
    static final double DEFAULT_ALPHA = 0.05;

    private final PrintStream out;
    private final PrintStream err;

    PowerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Double g = null;
        double power = DEFAULT_POWER;
        double alpha = DEFAULT_ALPHA;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--g" -> g = Double.parseDouble(value(args, ++i, a));
                    case "--power" -> power = Double.parseDouble(value(args, ++i, a));
                    case "--alpha" -> alpha = Double.parseDouble(value(args, ++i, a));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument '" + a + "'");
                }
            }
            if (g == null) {
                throw new IllegalArgumentException("--g is required");
            }
            int n = PowerCalculator.runsPerCell(Math.abs(g), power, alpha);
            out.printf(Locale.ROOT, "To detect |g| = %.3f with power %.2f at alpha %.3f (two-sided): %d runs per cell"
                    + " (achieved power %.3f).%n", Math.abs(g), power, alpha, n, PowerCalculator.power(Math.abs(g), n,
                    alpha));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("backfire power: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
