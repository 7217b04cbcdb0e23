package dev.backfire.contracts;

import java.util.Map;
import java.util.Objects;

/**
 * Scores of one channel (talk or monologue) of one message.
 *
 * @param words words counted by the language's analyzer
 * @param hits  lexicon matches per category (for example {@code protective}, {@code protective.harmony})
 */
public record ChannelScore(int words, Map<String, Integer> hits) {
    public ChannelScore {
        Objects.requireNonNull(hits, "hits");
        hits = Map.copyOf(hits);
        if (words < 0) {
            throw new IllegalArgumentException("words must be >= 0, was " + words);
        }
    }

    /** Hits of a category, 0 when the category had none. */
    public int hitsOf(String category) {
        return hits.getOrDefault(category, 0);
    }
}
