package dev.backfire.protocol.spec;

/**
 * Derives the seeds of a study from its master seed. SplitMix64 finalisation: cheap, well mixed, and
 * the same on every JVM, so a run is reproducible from the spec alone.
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;
    private static final int SHIFT_1 = 30;
    private static final int SHIFT_2 = 27;
    private static final int SHIFT_3 = 31;

    /** Stream of the individuated slots of a run ({@link DesignExpander}), independent of the aligned ones. */
    public static final long INDIVIDUATION_STREAM = 1;
    /** Stream of a run's base speaking order ({@link SpeakingOrder}), independent of the slot choices. */
    public static final long SPEAKING_ORDER_STREAM = 2;

    private Seeds() {
    }

    /** Mixes a seed with a list of indices into a new, well-spread seed. */
    public static long derive(long seed, long... indices) {
        long z = seed;
        for (long index : indices) {
            z = mix(z + GOLDEN_GAMMA * (index + 1));
        }
        return mix(z);
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> SHIFT_1)) * MIX_1;
        z = (z ^ (z >>> SHIFT_2)) * MIX_2;
        return z ^ (z >>> SHIFT_3);
    }

    /** The seed of a replicate: shared by every condition of that replicate, so conditions are paired. */
    public static long replicate(long studySeed, int replicate) {
        return derive(studySeed, replicate);
    }

    /**
     * The seed of a run's base speaking order (sequential turns). The run seed is shared by every
     * condition of a replicate, so those conditions share their speaking orders too: they stay paired.
     */
    public static long speakingOrder(long runSeed) {
        return derive(runSeed, SPEAKING_ORDER_STREAM);
    }

    /** The seed of one model call. */
    public static long call(long runSeed, int turn, int agentId) {
        return derive(runSeed, turn, agentId);
    }
}
