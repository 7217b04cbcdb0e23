package dev.backfire.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * REML fit of the linear mixed model {@code y = X beta + b_group + e} with one random intercept per
 * group, {@code b ~ N(0, tau^2)}, {@code e ~ N(0, sigma^2)} (R: {@code lmer(y ~ X + (1 | group), REML = TRUE)}).
 *
 * <p><b>Method.</b> With {@code theta = tau / sigma} (lme4's parameter) and {@code lambda = theta^2}, the
 * marginal covariance is {@code sigma^2 V}, {@code V = I + lambda Z Z'}, block diagonal with
 * {@code V_i^-1 = I - c_i 1 1'}, {@code c_i = lambda / (1 + n_i lambda)} and {@code |V_i| = 1 + n_i lambda}.
 * For a given theta, beta is the GLS estimate {@code (X'V^-1 X)^-1 X'V^-1 y}, {@code sigma^2} is profiled
 * out as {@code r'V^-1 r / (n - p)}, and the REML criterion (minus twice the restricted log-likelihood,
 * identical to lme4's {@code REMLcrit}) is
 * {@code log|V| + log|X'V^-1 X| + (n - p) (1 + log(2 pi r'V^-1 r / (n - p)))}.
 * It is minimised over {@code theta >= 0}: a log-spaced grid locates the basin, then a
 * {@link BrentOptimizer} refines it inside the neighbouring grid cells, and {@code theta = 0} is taken
 * whenever it is at least as good (a boundary fit, run variance 0, is a valid answer).
 * Standard errors are {@code sqrt(diag(sigma^2 (X'V^-1 X)^-1))}, as lme4's {@code vcov}.
 *
 * <p>Stateless and thread-safe.
 *
 * @param beta             fixed-effect estimates, one per design column
 * @param se               their standard errors
 * @param runVariance      {@code tau^2}, the between-group (run) variance; 0 for a boundary fit
 * @param residualVariance {@code sigma^2}
 * @param theta            {@code tau / sigma}
 * @param remlCriterion    minus twice the restricted log-likelihood at the optimum
 * @param boundary         true when the optimum is at {@code theta = 0}
 * @param observations     n
 * @param groups           number of groups
 */
public record RemlRandomIntercept(double[] beta, double[] se, double runVariance, double residualVariance,
                                  double theta, double remlCriterion, boolean boundary,
                                  int observations, int groups) {

    /** Smallest positive theta of the search grid. */
    static final double GRID_MIN_LOG10_THETA = -4;
    /** Largest theta of the search grid (a run variance 10^8 times the residual variance). */
    static final double GRID_MAX_LOG10_THETA = 4;
    /** Grid points per decade of theta. */
    static final int GRID_STEPS_PER_DECADE = 10;
    /** Brent relative tolerance on theta (the criterion is flat to rounding below about 1e-8). */
    static final double BRENT_RELATIVE_TOLERANCE = 1e-12;
    /** Brent absolute tolerance on theta. */
    static final double BRENT_ABSOLUTE_TOLERANCE = 1e-14;
    /** Evaluation budget of the Brent search. */
    static final int BRENT_MAX_EVALUATIONS = 10_000;
    /** Residual sum of squares, relative to sum(y^2), at or below which X counts as fitting y exactly. */
    static final double EXACT_FIT_RELATIVE_RSS = 1e-20;
    /** Half-width, relative to lambda, of the first bracket searched for the derivative's root. */
    static final double POLISH_INITIAL_BRACKET = 1e-4;
    /** Factor by which the bracket widens when it holds no sign change. */
    static final double POLISH_BRACKET_GROWTH = 10;
    /** Bracket widenings tried. */
    static final int POLISH_BRACKET_ATTEMPTS = 4;
    /** Relative accuracy of the derivative root in lambda. */
    static final double POLISH_RELATIVE_ACCURACY = 1e-15;
    /** Absolute accuracy of the derivative root in lambda. */
    static final double POLISH_ABSOLUTE_ACCURACY = 1e-300;
    /** Criterion increase tolerated when accepting the polished root (rounding of the criterion). */
    static final double POLISH_SLACK = 1e-9;

    /**
     * Fits the model by REML.
     *
     * <p><em>Preconditions:</em> {@code y.length == x.length == group.length = n}; X has full column rank
     * p (drop aliased columns first, see {@link Collinearity}); {@code n > p}; at least 2 groups and fewer
     * groups than observations.
     *
     * <p><em>Usage note:</em> assumes normal, homoscedastic residuals and a normal random intercept;
     * the p-values a caller derives from {@code beta / se} are Wald z tests.
     *
     * @param y     response
     * @param x     fixed-effect design, {@code x[observation][column]}, including the intercept column
     * @param group group label of each observation
     * @return the REML fit
     * @throws IllegalArgumentException if an argument is null or the dimensions disagree
     * @throws UndefinedStatisticException if {@code n <= p}, there are fewer than 2 groups, every group
     *         has one observation, X is rank deficient, or X fits y exactly (e.g. y constant)
     */
    public static RemlRandomIntercept fit(double[] y, double[][] x, String[] group) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(group, "group");
        if (x.length != y.length || group.length != y.length) {
            throw new IllegalArgumentException("y, x and group differ in length");
        }
        if (y.length == 0) {
            throw new UndefinedStatisticException("mixed model on no observations");
        }
        Problem problem = new Problem(y, x, group);
        if (problem.n <= problem.p) {
            throw new UndefinedStatisticException("mixed model needs more observations (" + problem.n
                    + ") than fixed effects (" + problem.p + ")");
        }
        if (problem.groupCount < 2) {
            throw new UndefinedStatisticException("mixed model needs at least 2 runs, got " + problem.groupCount);
        }
        if (problem.groupCount >= problem.n) {
            throw new UndefinedStatisticException("run variance not identifiable: one agent per run");
        }
        double totalSquares = 0;
        for (double v : y) {
            totalSquares += v * v;
        }
        // evaluate(0) also throws if X is rank deficient
        if (!(problem.evaluate(0).rss > EXACT_FIT_RELATIVE_RSS * totalSquares)) {
            throw new UndefinedStatisticException("the fixed effects fit the response exactly (e.g. it is"
                    + " constant); no variance left to partition");
        }
        double theta = minimise(problem);
        Evaluation at = problem.evaluate(theta);
        double sigma2 = at.rss / (problem.n - problem.p);
        double[] se = new double[problem.p];
        double[][] inverse = at.chol.inverse();
        for (int j = 0; j < problem.p; j++) {
            se[j] = Math.sqrt(sigma2 * inverse[j][j]);
        }
        return new RemlRandomIntercept(at.beta, se, theta * theta * sigma2, sigma2, theta, at.criterion,
                theta == 0, problem.n, problem.groupCount);
    }

    private static double minimise(Problem problem) {
        int steps = (int) Math.round((GRID_MAX_LOG10_THETA - GRID_MIN_LOG10_THETA) * GRID_STEPS_PER_DECADE);
        double[] grid = new double[steps + 2];
        grid[0] = 0;
        for (int k = 0; k <= steps; k++) {
            grid[k + 1] = Math.pow(10, GRID_MIN_LOG10_THETA + (double) k / GRID_STEPS_PER_DECADE);
        }
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int k = 0; k < grid.length; k++) {
            double value = problem.evaluate(grid[k]).criterion;
            if (value < bestValue) {
                bestValue = value;
                best = k;
            }
        }
        double lo = grid[Math.max(0, best - 1)];
        double hi = grid[Math.min(grid.length - 1, best + 1)];
        double start = grid[best];
        UnivariatePointValuePair refined = new BrentOptimizer(BRENT_RELATIVE_TOLERANCE, BRENT_ABSOLUTE_TOLERANCE)
                .optimize(new MaxEval(BRENT_MAX_EVALUATIONS), GoalType.MINIMIZE,
                        new UnivariateObjectiveFunction(t -> problem.evaluate(t).criterion),
                        new SearchInterval(lo, hi, start));
        double theta = refined.getValue() < bestValue ? refined.getPoint() : grid[best];
        double value = Math.min(refined.getValue(), bestValue);
        if (theta > 0) {
            theta = polish(problem, theta);
            value = Math.min(value, problem.evaluate(theta).criterion);
        }
        // Boundary check: theta = 0 wins ties, so a singular fit reports a run variance of exactly 0.
        if (problem.evaluate(0).criterion <= value) {
            return 0;
        }
        return theta;
    }

    /**
     * The criterion is flat to rounding near its minimum, which limits Brent to about 1e-8 in theta.
     * The analytic derivative has no such cancellation, so its root (found by {@link BrentSolver} in a
     * bracket around Brent's answer) pins theta down to rounding. Falls back to the Brent answer when
     * no sign change is found or the root is not at least as good.
     */
    private static double polish(Problem problem, double theta) {
        double lambda = theta * theta;
        double width = POLISH_INITIAL_BRACKET;
        for (int attempt = 0; attempt < POLISH_BRACKET_ATTEMPTS; attempt++, width *= POLISH_BRACKET_GROWTH) {
            double lo = lambda * Math.max(0, 1 - width);
            double hi = lambda * (1 + width);
            double dLo = problem.derivative(lo);
            double dHi = problem.derivative(hi);
            if (dLo < 0 && dHi > 0) {
                double root = new BrentSolver(POLISH_RELATIVE_ACCURACY, POLISH_ABSOLUTE_ACCURACY)
                        .solve(BRENT_MAX_EVALUATIONS, problem::derivative, lo, hi, lambda);
                double polished = Math.sqrt(root);
                return problem.evaluate(polished).criterion <= problem.evaluate(theta).criterion + POLISH_SLACK
                        ? polished : theta;
            }
        }
        return theta;
    }

    /** Per-group sufficient statistics, so one evaluation costs O(groups p^2 + n p). */
    private static final class Problem {
        final double[] y;
        final double[][] x;
        final int[] groupIndex;
        final int n;
        final int p;
        final int groupCount;
        final int[] size;
        final double[][][] xtx;
        final double[][] xSum;
        final double[][] xty;
        final double[] ySum;

        Problem(double[] y, double[][] x, String[] group) {
            this.y = y;
            this.x = x;
            this.n = y.length;
            this.p = x[0].length;
            Map<String, Integer> index = new LinkedHashMap<>();
            groupIndex = new int[n];
            for (int i = 0; i < n; i++) {
                if (x[i].length != p) {
                    throw new IllegalArgumentException("design rows differ in length");
                }
                groupIndex[i] = index.computeIfAbsent(Objects.requireNonNull(group[i], "group"), k -> index.size());
            }
            groupCount = index.size();
            size = new int[groupCount];
            xtx = new double[groupCount][p][p];
            xSum = new double[groupCount][p];
            xty = new double[groupCount][p];
            ySum = new double[groupCount];
            for (int i = 0; i < n; i++) {
                int g = groupIndex[i];
                size[g]++;
                ySum[g] += y[i];
                for (int a = 0; a < p; a++) {
                    xSum[g][a] += x[i][a];
                    xty[g][a] += x[i][a] * y[i];
                    for (int b = 0; b < p; b++) {
                        xtx[g][a][b] += x[i][a] * x[i][b];
                    }
                }
            }
        }

        /**
         * d criterion / d lambda at lambda:
         * {@code sum n_i/(1+n_i lambda) - sum c_i' s_i'A^-1 s_i - (n-p) sum c_i' R_i^2 / rss}, with
         * {@code c_i' = 1/(1+n_i lambda)^2}, {@code s_i = X_i'1}, {@code R_i} the group's residual sum
         * (the rss term by the envelope theorem, beta being optimal for rss).
         */
        double derivative(double lambda) {
            Evaluation at = evaluate(Math.sqrt(lambda));
            double[] residualSum = new double[groupCount];
            for (int i = 0; i < n; i++) {
                double r = y[i];
                for (int j = 0; j < p; j++) {
                    r -= x[i][j] * at.beta[j];
                }
                residualSum[groupIndex[i]] += r;
            }
            double logDetV = 0;
            double logDetA = 0;
            double rssTerm = 0;
            for (int g = 0; g < groupCount; g++) {
                double denominator = 1 + size[g] * lambda;
                double dc = 1 / (denominator * denominator);
                logDetV += size[g] / denominator;
                double[] solved = at.chol.solve(xSum[g]);
                double quadratic = 0;
                for (int j = 0; j < p; j++) {
                    quadratic += xSum[g][j] * solved[j];
                }
                logDetA -= dc * quadratic;
                rssTerm -= dc * residualSum[g] * residualSum[g];
            }
            return logDetV + logDetA + (n - p) * rssTerm / at.rss;
        }

        Evaluation evaluate(double theta) {
            double lambda = theta * theta;
            double[][] a = new double[p][p];
            double[] b = new double[p];
            double[] c = new double[groupCount];
            double logDetV = 0;
            for (int g = 0; g < groupCount; g++) {
                c[g] = lambda / (1 + size[g] * lambda);
                logDetV += Math.log1p(size[g] * lambda);
                for (int i = 0; i < p; i++) {
                    b[i] += xty[g][i] - c[g] * xSum[g][i] * ySum[g];
                    for (int j = 0; j < p; j++) {
                        a[i][j] += xtx[g][i][j] - c[g] * xSum[g][i] * xSum[g][j];
                    }
                }
            }
            Cholesky chol = Cholesky.of(a);
            double[] beta = chol.solve(b);
            double[] residualSum = new double[groupCount];
            double rss = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i];
                for (int j = 0; j < p; j++) {
                    r -= x[i][j] * beta[j];
                }
                rss += r * r;
                residualSum[groupIndex[i]] += r;
            }
            for (int g = 0; g < groupCount; g++) {
                rss -= c[g] * residualSum[g] * residualSum[g];
            }
            int df = n - p;
            double criterion = logDetV + chol.logDeterminant() + df * (1 + Math.log(2 * Math.PI * rss / df));
            return new Evaluation(beta, rss, criterion, chol);
        }
    }

    private record Evaluation(double[] beta, double rss, double criterion, Cholesky chol) {
    }

    /** Cholesky factor of a small symmetric positive definite matrix. */
    private record Cholesky(double[][] l) {

        static Cholesky of(double[][] a) {
            int p = a.length;
            double[][] l = new double[p][p];
            for (int j = 0; j < p; j++) {
                double diag = a[j][j];
                for (int k = 0; k < j; k++) {
                    diag -= l[j][k] * l[j][k];
                }
                if (!(diag > 0)) {
                    throw new UndefinedStatisticException("fixed-effect design is rank deficient");
                }
                l[j][j] = Math.sqrt(diag);
                for (int i = j + 1; i < p; i++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    l[i][j] = s / l[j][j];
                }
            }
            return new Cholesky(l);
        }

        double[] solve(double[] b) {
            int p = l.length;
            double[] z = new double[p];
            for (int i = 0; i < p; i++) {
                double s = b[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * z[k];
                }
                z[i] = s / l[i][i];
            }
            double[] out = new double[p];
            for (int i = p - 1; i >= 0; i--) {
                double s = z[i];
                for (int k = i + 1; k < p; k++) {
                    s -= l[k][i] * out[k];
                }
                out[i] = s / l[i][i];
            }
            return out;
        }

        double logDeterminant() {
            double s = 0;
            for (int i = 0; i < l.length; i++) {
                s += 2 * Math.log(l[i][i]);
            }
            return s;
        }

        double[][] inverse() {
            int p = l.length;
            double[][] inv = new double[p][];
            for (int j = 0; j < p; j++) {
                double[] e = new double[p];
                e[j] = 1;
                inv[j] = solve(e);
            }
            return inv;
        }
    }
}
