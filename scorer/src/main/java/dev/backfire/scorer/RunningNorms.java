package dev.backfire.scorer;

/**
 * Running mean and sample variance (Welford) of the three per-message inputs of CPI and DI within one
 * study, and the provisional per-message CPI and DI against them (ANALYSIS.md section 1). Provisional:
 * the norms move as messages arrive, so these values feed live dashboards only; the study's statistics
 * are computed by the stats service at run level.
 *
 * <p>Not thread-safe; callers synchronise per study.
 */
public final class RunningNorms {
    private final Welford monoRatio = new Welford();
    private final Welford protective = new Welford();
    private final Welford sexual = new Welford();

    /** Provisional scores of one message. */
    public record Provisional(double cpi, double di) {
    }

    /**
     * Adds a message to the norms and scores it against them (the message itself included).
     * z is 0 while fewer than two messages were seen or the sd is 0, as in ANALYSIS.md.
     */
    public Provisional addAndScore(double messageMonoRatio, int protectiveHits, int sexualHits) {
        monoRatio.add(messageMonoRatio);
        protective.add(protectiveHits);
        sexual.add(sexualHits);
        double zMono = monoRatio.z(messageMonoRatio);
        double zProtective = protective.z(protectiveHits);
        double zSexual = sexual.z(sexualHits);
        return new Provisional(zMono + zSexual - zProtective, zMono + zProtective - zSexual);
    }

    public long count() {
        return monoRatio.n;
    }

    /** Welford's online mean and variance. */
    private static final class Welford {
        private long n;
        private double mean;
        private double m2;

        void add(double x) {
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        double z(double x) {
            if (n < 2) {
                return 0.0;
            }
            double sd = Math.sqrt(m2 / (n - 1));
            return sd == 0.0 ? 0.0 : (x - mean) / sd;
        }
    }
}
