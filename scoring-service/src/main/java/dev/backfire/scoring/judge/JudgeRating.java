package dev.backfire.scoring.judge;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The judge's reading of one message: how many expressions of each lexicon category it found, over both
 * channels. Typed, so that nothing downstream handles the model's raw text.
 *
 * @param counts every category of {@link #CATEGORIES}, and {@code protective} as the sum of its
 *     sub-categories; sorted, unmodifiable
 */
public record JudgeRating(Map<String, Integer> counts) {
    /** The categories the judge rates: the leaf categories of ANALYSIS.md section 1. */
    public static final List<String> CATEGORIES = List.of("protective.individual", "protective.harmony",
            "protective.general", "sexual", "conformity", "individuation");
    public static final String PROTECTIVE = "protective";

    public JudgeRating {
        Map<String, Integer> copy = new TreeMap<>();
        int protective = 0;
        for (String category : CATEGORIES) {
            Integer count = counts.get(category);
            if (count == null || count < 0) {
                throw new IllegalArgumentException("rating of '" + category + "' missing or negative: " + count);
            }
            copy.put(category, count);
            if (category.startsWith(PROTECTIVE + ".")) {
                protective += count;
            }
        }
        copy.put(PROTECTIVE, protective);
        counts = Collections.unmodifiableMap(copy);
    }

    /** Whether the judge found the category (or, for {@code protective}, any of its sub-categories). */
    public boolean present(String category) {
        return counts.getOrDefault(category, 0) > 0;
    }
}
