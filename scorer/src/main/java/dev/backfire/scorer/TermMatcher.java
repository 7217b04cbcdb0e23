package dev.backfire.scorer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds lexicon terms in analyzed text as token sequences, leftmost-longest and without overlap. One span
 * of text is one piece of speech, so it is counted once: "I refuse to obey" matched as a refusal must not
 * also count as the conformity term "obey", and "I refuse" must not count both as itself and as
 * "refuse". A term listed in several categories credits each of them for its one span.
 *
 * <p>Built once at load and read-only afterwards, hence safe to share between threads.
 */
final class TermMatcher {
    private final Node root = new Node();

    /** Adds a term (its analyzed tokens) to a category. */
    void add(List<String> tokens, String category) {
        Node node = root;
        for (String token : tokens) {
            node = node.next.computeIfAbsent(token, t -> new Node());
        }
        node.categories.add(category);
    }

    /** The categories that list exactly this token sequence, empty when none. */
    Set<String> categoriesOf(List<String> tokens) {
        Node node = root;
        for (String token : tokens) {
            node = node.next.get(token);
            if (node == null) {
                return Set.of();
            }
        }
        return Set.copyOf(node.categories);
    }

    /**
     * Counts the matches per category, adding them to {@code hits} (which must hold every category).
     * Matches never span a sentence break.
     */
    void count(AnalyzedText text, Map<String, Integer> hits) {
        List<String> tokens = text.tokens();
        int position = 0;
        while (position < tokens.size()) {
            Node node = root;
            Node longest = null;
            int longestEnd = position;
            for (int i = position; i < tokens.size(); i++) {
                if (i > position && text.breakBefore()[i]) {
                    break;
                }
                node = node.next.get(tokens.get(i));
                if (node == null) {
                    break;
                }
                if (!node.categories.isEmpty()) {
                    longest = node;
                    longestEnd = i + 1;
                }
            }
            if (longest == null) {
                position++;
            } else {
                for (String category : longest.categories) {
                    hits.merge(category, 1, Integer::sum);
                }
                position = longestEnd;
            }
        }
    }

    private static final class Node {
        private final Map<String, Node> next = new HashMap<>();
        private final Set<String> categories = new TreeSet<>();
    }
}
