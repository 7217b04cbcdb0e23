package dev.backfire.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Ordinary least squares with classical standard errors, as R's {@code summary(lm(...))}.
 *
 * <p>Aliased columns (see {@link Collinearity}) are reported with {@code null} numbers and left out of
 * the fit, like R's {@code NA} coefficients. Coefficients come from a QR decomposition; the covariance is
 * {@code sigma^2 (X'X)^-1} with {@code sigma^2 = RSS / (n - rank)}; p-values are two-sided t tests with
 * {@code n - rank} degrees of freedom.
 *
 * @param coefficients one entry per column of the design, in order
 * @param residualDf   {@code n - rank}
 * @param residualVariance {@code RSS / residualDf}, null when {@code residualDf == 0}
 */
public record OlsFit(List<Coefficient> coefficients, int residualDf, Double residualVariance) {

    /**
     * Fits {@code y ~ X} (X includes the intercept column if one is wanted).
     *
     * <p><em>Preconditions:</em> {@code x.length == y.length >= 1}, all rows have {@code terms.size()}
     * finite values, at least one column is estimable.
     *
     * @param y     the response
     * @param x     the design matrix, {@code x[observation][column]}
     * @param terms one name per column
     * @return the fit
     * @throws IllegalArgumentException if an argument is null or the dimensions do not match
     * @throws UndefinedStatisticException if there are no observations or every column is aliased
     */
    public static OlsFit fit(double[] y, double[][] x, List<String> terms) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(terms, "terms");
        if (y.length == 0) {
            throw new UndefinedStatisticException("regression on no observations");
        }
        if (x.length != y.length || x[0].length != terms.size()) {
            throw new IllegalArgumentException("design is " + x.length + "x" + x[0].length + " but y has "
                    + y.length + " values and there are " + terms.size() + " terms");
        }
        boolean[] aliased = Collinearity.aliasedColumns(x);
        double[][] kept = Collinearity.keptColumns(x, aliased);
        int rank = kept[0].length;
        if (rank == 0) {
            throw new UndefinedStatisticException("no estimable coefficient");
        }
        RealMatrix design = new Array2DRowRealMatrix(kept, false);
        double[] beta = new QRDecomposition(design).getSolver().solve(new ArrayRealVector(y, false)).toArray();
        int n = y.length;
        int residualDf = n - rank;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int j = 0; j < rank; j++) {
                fitted += kept[i][j] * beta[j];
            }
            rss += (y[i] - fitted) * (y[i] - fitted);
        }
        Double sigma2 = residualDf > 0 ? rss / residualDf : null;
        RealMatrix xtxInverse = sigma2 == null ? null
                : new LUDecomposition(design.transpose().multiply(design)).getSolver().getInverse();
        List<Coefficient> out = new ArrayList<>();
        int k = 0;
        for (int j = 0; j < terms.size(); j++) {
            if (aliased[j]) {
                out.add(new Coefficient(terms.get(j), null, null, null, null));
                continue;
            }
            double estimate = beta[k];
            if (sigma2 == null) {
                out.add(new Coefficient(terms.get(j), estimate, null, null, null));
            } else {
                double se = Math.sqrt(sigma2 * xtxInverse.getEntry(k, k));
                Double t = se > 0 ? estimate / se : null;
                Double p = t == null ? null : WelchTest.twoSidedP(t, residualDf);
                out.add(new Coefficient(terms.get(j), estimate, se > 0 ? se : null, t, p));
            }
            k++;
        }
        return new OlsFit(List.copyOf(out), residualDf, sigma2);
    }

    /**
     * Slope of the simple regression {@code y ~ 1 + x}: {@code sum((x-mx)(y-my)) / sum((x-mx)^2)}.
     *
     * @param x predictor values
     * @param y responses, same length
     * @return the least-squares slope
     * @throws IllegalArgumentException if an argument is null or the lengths differ
     * @throws UndefinedStatisticException if there are fewer than 2 observations or x is constant
     */
    public static double slope(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (x.length < 2) {
            throw new UndefinedStatisticException("slope needs at least 2 observations");
        }
        double mx = Descriptives.mean(x);
        double my = Descriptives.mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        if (!(sxx > 0)) {
            throw new UndefinedStatisticException("slope undefined: a single alignment ratio level");
        }
        return sxy / sxx;
    }
}
