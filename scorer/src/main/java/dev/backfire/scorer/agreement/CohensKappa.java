package dev.backfire.scorer.agreement;

/**
 * Cohen's kappa of two raters who each say, per item, whether a category is present: chance-corrected
 * agreement {@code kappa = (po - pe) / (1 - pe)}, where {@code po} is the share of items the raters agree
 * on and {@code pe = pA pB + (1 - pA)(1 - pB)} the agreement expected by chance from each rater's own
 * share {@code pA}, {@code pB} of "present". Unweighted, two categories (present, absent), as R's
 * {@code psych::cohen.kappa} computes it.
 *
 * <p><em>Preconditions:</em> two arrays of the same length, at least one item.
 *
 * <p><em>Usage note:</em> kappa is undefined when {@code pe = 1}, i.e. both raters said the same single
 * answer for every item (all present or all absent): there is no disagreement chance could explain, and
 * the result is {@link Double#NaN}, not 1. A category no message has and no rater sees in a language gives
 * NaN there, and a report must say "undefined" rather than "perfect".
 *
 * <p>Stateless and thread-safe.
 */
public final class CohensKappa {
    private CohensKappa() {
    }

    /**
     * The agreement of two raters.
     *
     * @param kappa Cohen's kappa in [-1, 1], or NaN when undefined (see the class note)
     * @param observed po, the share of items rated alike
     * @param expected pe, the agreement expected by chance
     * @param items the number of items
     */
    public record Result(double kappa, double observed, double expected, int items) {
    }

    /**
     * Computes kappa.
     *
     * @param a the first rater's presence per item
     * @param b the second rater's presence per item, in the same order
     * @throws IllegalArgumentException when the arrays differ in length or are empty
     */
    public static Result of(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("the raters rated different numbers of items: " + a.length + " and "
                    + b.length);
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("kappa needs at least one item");
        }
        int n = a.length;
        int agree = 0;
        int aYes = 0;
        int bYes = 0;
        for (int i = 0; i < n; i++) {
            agree += a[i] == b[i] ? 1 : 0;
            aYes += a[i] ? 1 : 0;
            bYes += b[i] ? 1 : 0;
        }
        double po = (double) agree / n;
        double pa = (double) aYes / n;
        double pb = (double) bYes / n;
        double pe = pa * pb + (1 - pa) * (1 - pb);
        double kappa = pe == 1.0 ? Double.NaN : (po - pe) / (1 - pe);
        return new Result(kappa, po, pe, n);
    }
}
