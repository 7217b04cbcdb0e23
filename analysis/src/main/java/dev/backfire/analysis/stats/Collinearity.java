package dev.backfire.analysis.stats;

import java.util.Objects;

/**
 * Finds the columns of a design matrix that are linear combinations of earlier columns, the way R's
 * {@code lm} marks coefficients as aliased ({@code NA}): columns are examined left to right and a
 * column is aliased when its residual after projection on the kept earlier columns is at most
 * {@link #RELATIVE_TOLERANCE} times its own norm.
 *
 * <p>Stateless and thread-safe.
 */
public final class Collinearity {

    /** Relative residual norm below which a column counts as aliased (R's {@code lm} uses 1e-7). */
    public static final double RELATIVE_TOLERANCE = 1e-7;

    private Collinearity() {
    }

    /**
     * Marks aliased columns.
     *
     * <p><em>Preconditions:</em> {@code x} is a non-empty rectangular matrix ({@code x[row][column]}) of
     * finite values.
     *
     * @param x the design matrix, rows are observations
     * @return {@code aliased[j]} true when column j is (numerically) a combination of kept columns before
     *         it; an all-zero column is always aliased
     * @throws IllegalArgumentException if {@code x} is null, empty or ragged
     */
    public static boolean[] aliasedColumns(double[][] x) {
        Objects.requireNonNull(x, "x");
        if (x.length == 0 || x[0].length == 0) {
            throw new IllegalArgumentException("design matrix is empty");
        }
        int n = x.length;
        int p = x[0].length;
        for (double[] row : x) {
            if (row.length != p) {
                throw new IllegalArgumentException("design matrix rows differ in length");
            }
        }
        double[][] basis = new double[p][];
        int kept = 0;
        boolean[] aliased = new boolean[p];
        for (int j = 0; j < p; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = x[i][j];
            }
            double norm = norm(v);
            // Two passes of modified Gram-Schmidt ("twice is enough") for a stable residual.
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < kept; k++) {
                    double dot = dot(basis[k], v);
                    for (int i = 0; i < n; i++) {
                        v[i] -= dot * basis[k][i];
                    }
                }
            }
            double residual = norm(v);
            if (norm == 0 || residual <= RELATIVE_TOLERANCE * norm) {
                aliased[j] = true;
            } else {
                for (int i = 0; i < n; i++) {
                    v[i] /= residual;
                }
                basis[kept++] = v;
            }
        }
        return aliased;
    }

    /**
     * Copies the columns of {@code x} that are not aliased.
     *
     * @param x       the design matrix
     * @param aliased the flags from {@link #aliasedColumns(double[][])}
     * @return a new matrix with only the kept columns, in order
     * @throws IllegalArgumentException if the flags do not match the column count
     */
    public static double[][] keptColumns(double[][] x, boolean[] aliased) {
        if (x.length > 0 && x[0].length != aliased.length) {
            throw new IllegalArgumentException("flags do not match the column count");
        }
        int k = 0;
        for (boolean a : aliased) {
            k += a ? 0 : 1;
        }
        double[][] out = new double[x.length][k];
        for (int i = 0; i < x.length; i++) {
            int c = 0;
            for (int j = 0; j < aliased.length; j++) {
                if (!aliased[j]) {
                    out[i][c++] = x[i][j];
                }
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
