package dev.backfire.protocol.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Expands a spec into its runs: languages x alignment ratios x replicates, in that order. Aligned
 * slots come from a seeded shuffle of the agents per replicate, so the conditions of one replicate are
 * paired: the aligned agents of a lower ratio are a subset of those of a higher ratio.
 */
public final class DesignExpander {
    private static final int PERCENT = 100;

    private DesignExpander() {
    }

    /** The deterministic run list of a study. */
    public static List<PlannedRun> expand(StudySpec spec, String studyId) {
        List<PlannedRun> runs = new ArrayList<>(spec.runCount());
        for (String language : spec.languages()) {
            for (double ratio : spec.alignmentRatios()) {
                for (int replicate = 1; replicate <= spec.replicates(); replicate++) {
                    long seed = Seeds.replicate(spec.seed(), replicate);
                    runs.add(new PlannedRun(runId(studyId, language, ratio, replicate), language, ratio, replicate,
                            seed, alignedAgents(spec.agents(), ratio, seed),
                            firstOfShuffle(spec.agents(), spec.individuatedAgents(),
                                    Seeds.derive(seed, Seeds.INDIVIDUATION_STREAM))));
                }
            }
        }
        return runs;
    }

    /** A readable run id, e.g. {@code study1-3f2a-ja-r050-07}. */
    public static String runId(String studyId, String language, double ratio, int replicate) {
        return String.format(Locale.ROOT, "%s-%s-r%03d-%02d", studyId, language,
                Math.round(ratio * PERCENT), replicate);
    }

    static List<Integer> alignedAgents(int agents, double ratio, long seed) {
        return firstOfShuffle(agents, (int) Math.round(ratio * agents), seed);
    }

    /** The first {@code count} slots of a seeded shuffle of the agents, sorted. */
    static List<Integer> firstOfShuffle(int agents, int count, long seed) {
        List<Integer> chosen = new ArrayList<>(shuffle(agents, seed).subList(0, count));
        Collections.sort(chosen);
        return List.copyOf(chosen);
    }

    /**
     * The agent slots 0..agents-1 in a seeded order: a Fisher-Yates shuffle driven by
     * {@link SplittableRandom}, whose algorithm is specified, so the order is the same on every JVM.
     */
    static List<Integer> shuffle(int agents, long seed) {
        List<Integer> order = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            order.add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = agents - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        return order;
    }
}
