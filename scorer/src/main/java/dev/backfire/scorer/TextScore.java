package dev.backfire.scorer;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The score of one text (one channel of one message).
 *
 * @param words tokens counted by the language's analyzer, punctuation and symbols excluded
 * @param hits lexicon matches per category: every category of the lexicon, each computed parent
 *     category ({@code protective}, the sum of the {@code protective.*} sub-categories) included, zero
 *     when none; sorted by name, unmodifiable
 */
public record TextScore(int words, Map<String, Integer> hits) {
    public TextScore {
        if (words < 0) {
            throw new IllegalArgumentException("words must be >= 0: " + words);
        }
        hits = Collections.unmodifiableMap(new TreeMap<>(hits));
    }

    /** The hits of a category, zero when the lexicon has no such category. */
    public int hitsOf(String category) {
        return hits.getOrDefault(category, 0);
    }
}
