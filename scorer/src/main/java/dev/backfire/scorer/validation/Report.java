package dev.backfire.scorer.validation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Agreement of the scorer with one ground truth: counts per language and category, plus each language's
 * micro-average over its sub-categories and the other top-level categories ({@link #ALL}).
 *
 * @param groundTruth what the labels are, printed with every table (e.g. SYNTHETIC)
 * @param counts language to category to counts; sorted, unmodifiable
 * @param messages language to the number of labelled texts scored
 * @param lexiconVersions language to the lexicon version that was validated
 */
public record Report(String groundTruth, Map<String, Map<String, Counts>> counts, Map<String, Integer> messages,
        Map<String, String> lexiconVersions) {
    /** The pseudo-category of the micro-average over a language's categories. */
    public static final String ALL = "all";

    /**
     * The categories of the tables, in order: {@code protective} and its sub-categories, then the other
     * categories of ANALYSIS.md section 1.
     */
    public static final List<String> CATEGORIES = List.of("protective", "protective.individual",
            "protective.harmony", "protective.general", "sexual", "conformity", "individuation");

    /** The categories whose sum is {@link #ALL}: every category of the tables except the parent. */
    static final List<String> LEAVES = CATEGORIES.subList(1, CATEGORIES.size());

    public Report {
        Map<String, Map<String, Counts>> copy = new TreeMap<>();
        counts.forEach((language, byCategory) -> copy.put(language, Collections.unmodifiableMap(
                new TreeMap<>(byCategory))));
        counts = Collections.unmodifiableMap(copy);
        messages = Collections.unmodifiableMap(new TreeMap<>(messages));
        lexiconVersions = Collections.unmodifiableMap(new TreeMap<>(lexiconVersions));
    }

    /** The counts of a language and category (or {@link #ALL}); zero when none. */
    public Counts of(String language, String category) {
        Map<String, Counts> byCategory = counts.getOrDefault(language, Map.of());
        if (ALL.equals(category)) {
            Counts sum = Counts.ZERO;
            for (String leaf : LEAVES) {
                sum = sum.plus(byCategory.getOrDefault(leaf, Counts.ZERO));
            }
            return sum;
        }
        return byCategory.getOrDefault(category, Counts.ZERO);
    }

    public List<String> languages() {
        return List.copyOf(counts.keySet());
    }
}
